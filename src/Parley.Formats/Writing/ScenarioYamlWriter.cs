using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Writing;

/// <summary>
/// Writes a scenario as YAML in the schema of docs/scenario-format.md (block style, two-space indents), so that
/// reading the text back gives an equivalent scenario. Used by <c>parley convert</c>.
/// </summary>
public static partial class ScenarioYamlWriter
{
    public static string Write(Scenario scenario)
    {
        var text = new StringBuilder();
        WriteMapping(text, ScenarioDocument.From(scenario), indent: 0);
        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, MappingNode map, int indent)
    {
        foreach (var (key, value) in map.Entries)
        {
            text.Append(' ', indent).Append(Key(key.Text)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    /// <summary>Writes the value after "key:" or "-": inline when scalar or empty, else on the following lines.</summary>
    private static void WriteValue(StringBuilder text, LocatedNode value, int indent)
    {
        switch (value)
        {
            case ScalarNode s:
                text.Append(' ').Append(Scalar(s)).Append('\n');
                break;
            case MappingNode { Entries.Count: 0 }:
                text.Append(" {}\n");
                break;
            case SequenceNode { Items.Count: 0 }:
                text.Append(" []\n");
                break;
            case MappingNode m when IsFlat(m):
                text.Append(" {").Append(string.Join(", ", m.Entries.Select(e => $"{Key(e.Key.Text)}: {Scalar((ScalarNode)e.Value)}"))).Append("}\n");
                break;
            case MappingNode m:
                text.Append('\n');
                WriteMapping(text, m, indent + 2);
                break;
            case SequenceNode seq:
                text.Append('\n');
                foreach (var item in seq.Items) WriteItem(text, item, indent + 2);
                break;
        }
    }

    private static void WriteItem(StringBuilder text, LocatedNode item, int indent)
    {
        text.Append(' ', indent).Append('-');
        if (item is MappingNode { Entries.Count: > 0 } m && !IsFlat(m))
        {
            // "- key: value" then the other keys aligned under the first.
            var first = true;
            foreach (var (key, value) in m.Entries)
            {
                if (first) text.Append(' ');
                else text.Append(' ', indent + 2);
                first = false;
                text.Append(Key(key.Text)).Append(':');
                WriteValue(text, value, indent + 2);
            }
        }
        else WriteValue(text, item, indent);
    }

    /// <summary>
    /// Short mappings of scalars (scale, ranges, evidence, simple stances and changes) are written inline;
    /// anchors (numeric keys) and anything longer go one key per line.
    /// </summary>
    private static bool IsFlat(MappingNode map) =>
        map.Entries.All(e => e.Value is ScalarNode && !char.IsAsciiDigit(e.Key.Text[0]) && e.Key.Text[0] != '-')
        && map.Entries.Sum(e => e.Key.Text.Length + Scalar((ScalarNode)e.Value).Length + 4) <= 80;

    /// <summary>Texts that read as names (ids, rule names) stay plain; anything else is double-quoted.</summary>
    private static string Scalar(ScalarNode s) =>
        !s.Quoted ? s.Text : PlainName().IsMatch(s.Text) && !Reserved(s.Text) ? s.Text : Quote(s.Text);

    private static string Key(string key) => PlainKey().IsMatch(key) && !Reserved(key) ? key : Quote(key);

    private static bool Reserved(string key) =>
        key.ToLowerInvariant() is "true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n" or "~";

    /// <summary>A YAML double-quoted string: backslash, quote and control characters escaped.</summary>
    public static string Quote(string text)
    {
        var b = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case < ' ' or '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF':
                    b.Append("\\u").Append(((int)ch).ToString("X4")); break;
                default: b.Append(ch); break;
            }
        }
        return b.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$")]
    private static partial Regex PlainName();

    [GeneratedRegex(@"^(?:[A-Za-z_][A-Za-z0-9_.\-]*|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)$")]
    private static partial Regex PlainKey();
}
