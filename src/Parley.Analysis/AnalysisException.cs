namespace Parley.Analysis;

/// <summary>An analysis could not be done as asked; the message says what and where (model, draw, input).</summary>
public sealed class AnalysisException(string message, Exception? inner = null) : Exception(message, inner);
