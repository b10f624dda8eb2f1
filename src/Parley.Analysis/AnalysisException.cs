namespace Parley.Analysis;

/// <summary>An analysis could not be done as asked; the message says what and where (model, draw, input).</summary>
public sealed class AnalysisException(string message, Exception? inner = null) : Core.ParleyException(message, inner)
{
    public override Core.ParleyErrorKind Kind => Core.ParleyErrorKind.InvalidRequest;
}
