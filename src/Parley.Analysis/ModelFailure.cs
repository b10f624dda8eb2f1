using Parley.Core;

namespace Parley.Analysis;

/// <summary>
/// How a model that could not run is shown, the same in every output (analyze's table, its JSON <c>errors</c>, the
/// report): "model refused: reason" for a refusal Parley explains (<see cref="ParleyException"/>: the input or a
/// setting the model cannot use), "model failed: internal error" for a bug, never a raw .NET message.
/// </summary>
public static class ModelFailure
{
    public const string RefusedPrefix = "model refused: ";

    public const string Internal =
        "model failed: internal error (a bug in Parley; running this model alone with `parley run` shows the details)";

    public static string Describe(Exception e) => e switch
    {
        ModelRefusedException r => RefusedPrefix + r.Message +
                                   (r.Issue is { } issue && !r.Message.Contains($"'{issue}'", StringComparison.Ordinal) ? $" (issue '{issue}')" : "") +
                                   (r.Actor is { } actor && !r.Message.Contains($"'{actor}'", StringComparison.Ordinal) ? $" (actor '{actor}')" : ""),
        // a Monte Carlo draw that failed: its message quotes the inner one, which is only fit to show from Parley
        AnalysisException { InnerException: { } inner } when inner is not ParleyException => Internal,
        ParleyException p => RefusedPrefix + p.Message,
        _ => Internal,
    };
}
