namespace Parley.Application;

/// <summary>What a note is about, so an edge can group or filter notes.</summary>
public enum NoteKind
{
    /// <summary>Something the reader noticed in the input (e.g. saliences read as percent).</summary>
    Reading,

    /// <summary>Which of the scenario's model settings a run uses or overrides.</summary>
    Settings,

    /// <summary>Inputs some chosen models do not use.</summary>
    UnusedInput,

    /// <summary>Something left out of the result, and why.</summary>
    Skipped,

    /// <summary>What an analysis costs or how it was limited.</summary>
    Analysis,
}

/// <summary>A thing the user should know about a result that is not an error. Edges print it (the CLI as "parley: note: TEXT").</summary>
public sealed record Note(NoteKind Kind, string Text)
{
    public override string ToString() => Text;
}
