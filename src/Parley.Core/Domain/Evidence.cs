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

/// <summary>A document the scenario's inputs cite.</summary>
public sealed record Source(string Id, string Title, string? Url = null, string? File = null);
