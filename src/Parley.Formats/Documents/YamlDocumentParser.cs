using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Parley.Formats.Documents;

/// <summary>
/// Parses YAML with YamlDotNet's low-level event parser into a located tree. Aliases point to the anchored node
/// (shared, not copied); the total size they expand to is capped so an alias bomb is refused, not run.
/// Only the first document of a stream is read. Lines and columns are counted as editors count them
/// (<see cref="TextLines"/>), not as YamlDotNet does.
/// </summary>
public static class YamlDocumentParser
{
    /// <summary>The most nodes the aliases of one document may expand to.</summary>
    internal const long MaxAliasExpansion = 1_000_000;

    /// <summary>The deepest nesting accepted (a scenario needs about 8); deeper input is refused before it gets slow.</summary>
    internal const int MaxDepth = 256;

    public static ParsedDocument Parse(string file, string content)
    {
        var errors = new List<Diagnostic>();
        var builder = new TreeBuilder((mark, message) =>
        {
            if (errors.Count < Diagnostic.MaxCollected) errors.Add(new Diagnostic(file, mark.Line, mark.Column, "", message));
        });
        var lines = new TextLines(content);
        if (UnicodeBreaks(file, content, lines) is { Count: > 0 } breaks) return new ParsedDocument(null, breaks);
        var anchors = new Dictionary<string, (LocatedNode Node, long Size)>();
        var pending = new Stack<(string? Anchor, long SizeAtStart)>();
        long size = 0;
        var last = new Mark(1, 1);
        try
        {
            var parser = new Parser(new StringReader(content));
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var mark = lines.At(ev.Start.Index);
                last = mark;
                switch (ev)
                {
                    case DocumentStart when builder.HasRoot:
                        return new ParsedDocument(builder.Root, errors);
                    case Scalar scalar:
                        var node = new ScalarNode(mark, scalar.Value, scalar.Style is not ScalarStyle.Plain);
                        size++;
                        if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = (node, 1);
                        builder.Add(node);
                        break;
                    case MappingStart or SequenceStart when builder.Depth >= MaxDepth:
                        errors.Add(new Diagnostic(file, mark.Line, mark.Column, "", "malformed YAML: nesting too deep", $"at most {MaxDepth} levels"));
                        return new ParsedDocument(null, errors);
                    case MappingStart ms:
                        pending.Push((ms.Anchor.IsEmpty ? null : ms.Anchor.Value, size));
                        builder.StartMapping(mark);
                        break;
                    case SequenceStart ss:
                        pending.Push((ss.Anchor.IsEmpty ? null : ss.Anchor.Value, size));
                        builder.StartSequence(mark);
                        break;
                    case MappingEnd or SequenceEnd:
                        var built = builder.End();
                        size++;
                        var (anchor, sizeAtStart) = pending.Pop();
                        if (anchor is not null) anchors[anchor] = (built, size - sizeAtStart);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            errors.Add(new Diagnostic(file, mark.Line, mark.Column, "", $"unknown alias '*{alias.Value.Value}'",
                                "an alias must refer to an anchor (&name) defined before it"));
                            builder.Add(new ScalarNode(mark, "", quoted: false));
                            break;
                        }
                        size += target.Size;
                        if (size > MaxAliasExpansion)
                        {
                            errors.Add(new Diagnostic(file, mark.Line, mark.Column, "", "aliases expand to too many nodes",
                                $"at most {MaxAliasExpansion:N0}"));
                            return new ParsedDocument(null, errors);
                        }
                        builder.Add(target.Node);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            var at = lines.At(e.Start.Index);
            errors.Add(new Diagnostic(file, at.Line, at.Column, "", "malformed YAML: " + Describe(e), "see docs/scenario-format.md"));
            return new ParsedDocument(null, errors);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet occasionally fails with a non-YAML exception on broken input; report it where parsing stopped.
            errors.Add(new Diagnostic(file, last.Line, last.Column, "", "malformed YAML: the parser could not continue after this point",
                "see docs/scenario-format.md"));
            return new ParsedDocument(null, errors);
        }
        return new ParsedDocument(builder.Root, errors);
    }

    /// <summary>
    /// Each NEL (U+0085), line separator (U+2028) and paragraph separator (U+2029), located. YAML 1.1 (and YamlDotNet)
    /// ends a line at them, editors do not: the file would not mean what it shows (a comment would end there, a value
    /// be cut), so they are refused rather than read.
    /// </summary>
    private static List<Diagnostic> UnicodeBreaks(string file, string content, TextLines lines)
    {
        var found = new List<Diagnostic>();
        for (int i = content.AsSpan().IndexOfAny('\u0085', '\u2028', '\u2029'); i >= 0 && found.Count < Diagnostic.MaxCollected;)
        {
            var at = lines.At(i);
            found.Add(new Diagnostic(file, at.Line, at.Column, "", $"a Unicode line break (U+{(int)content[i]:X4}) that YAML takes for the end of a line and editors do not",
                "a plain line break, or in a double-quoted text the escape \\u2028 (\\u2029, \\x85)"));
            int next = content.AsSpan(i + 1).IndexOfAny('\u0085', '\u2028', '\u2029');
            i = next < 0 ? -1 : i + 1 + next;
        }
        return found;
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes messages with "(Line: .., Col: .., Idx: ..) - (Line: ...): "; the location is printed separately.
        var message = e.Message;
        int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut >= 0) message = message[(cut + 3)..];
        return message.TrimEnd('.');
    }
}
