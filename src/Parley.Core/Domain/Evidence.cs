namespace Parley.Core.Domain;

/// <summary>What an input rests on: a quote from a declared source, or an analyst's judgement with its reason.</summary>
public abstract record Evidence
{
    private Evidence() { }

    /// <summary>A quote from one of the scenario's sources.</summary>
    public sealed record Quote(string SourceId, string Text) : Evidence;

    /// <summary>An analyst's judgement, with the reason for it.</summary>
    public sealed record Judgement(string Reason) : Evidence;
}

/// <summary>
/// A document the scenario's inputs cite. <see cref="Published"/> is the date the document itself shows: a backtest case
/// may rest positions only on sources published before its decision.
/// </summary>
public sealed record Source(string Id, string Title, string? Url = null, string? File = null, DateOnly? Published = null);
