namespace Parley.Formats;

/// <summary>
/// How much one file may declare (documented in docs/scenario-format.md, "Limits"). Each count is checked before
/// anything is allocated by it, so a damaged count or a file of a million tiny rows is a located error, not a run out
/// of memory. No real negotiation comes near them.
/// </summary>
public static class ReadLimits
{
    /// <summary>The most actors one scenario file may declare.</summary>
    public const int MaxActors = 10_000;

    /// <summary>The most issues (KTAB dimensions) one scenario file may declare.</summary>
    public const int MaxIssues = 1_000;
}
