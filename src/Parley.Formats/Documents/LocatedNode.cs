namespace Parley.Formats.Documents;

/// <summary>A place in a text file: 1-based line and column (columns count UTF-16 characters).</summary>
public readonly record struct Mark(int Line, int Column)
{
    public static readonly Mark WholeFile = new(0, 0);
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// One node of a parsed YAML or JSON document, with the place it starts, so every problem found later can be
/// located. The same small model serves both syntaxes: a mapping (ordered keys), a sequence, or a scalar.
/// </summary>
public abstract class LocatedNode(Mark start)
{
    public Mark Start { get; } = start;

    /// <summary>What the node is, in words for error messages ("a mapping", "a list", "a value").</summary>
    public abstract string Describe();
}

/// <summary>A leaf: its text as written (without quotes) and whether it was quoted (so it is a string, not a number).</summary>
public sealed class ScalarNode(Mark start, string text, bool quoted) : LocatedNode(start)
{
    public string Text { get; } = text;

    /// <summary>True for quoted (and YAML block) scalars: they are always strings.</summary>
    public bool Quoted { get; } = quoted;

    /// <summary>An explicit or implicit null: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => !Quoted && Text is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing (null)" : Quoted ? $"the text \"{Text}\"" : $"'{Text}'";
}

/// <summary>A list of nodes.</summary>
public sealed class SequenceNode(Mark start, IReadOnlyList<LocatedNode> items) : LocatedNode(start)
{
    public IReadOnlyList<LocatedNode> Items { get; } = items;
    public override string Describe() => "a list";
}

/// <summary>Keys and values in the order written. Duplicate keys are kept here and reported by the binder.</summary>
public sealed class MappingNode(Mark start, IReadOnlyList<KeyValuePair<ScalarNode, LocatedNode>> entries) : LocatedNode(start)
{
    public IReadOnlyList<KeyValuePair<ScalarNode, LocatedNode>> Entries { get; } = entries;
    public override string Describe() => "a mapping";
}

/// <summary>The result of parsing a file: the root node (null when the document is empty) and syntax errors.</summary>
public sealed record ParsedDocument(LocatedNode? Root, IReadOnlyList<Diagnostic> Errors)
{
    public bool Ok => Errors.Count == 0;
}
