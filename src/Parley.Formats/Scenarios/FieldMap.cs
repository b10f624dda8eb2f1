using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

/// <summary>
/// One mapping of the document being bound at a readable path (e.g. <c>actors[usa]</c>): reports duplicate and
/// unknown keys (with a suggestion) when opened, then hands out its fields by name.
/// </summary>
internal sealed class FieldMap
{
    private readonly Dictionary<string, KeyValuePair<ScalarNode, LocatedNode>> _fields = new(StringComparer.Ordinal);

    /// <summary>Allowed names that an unknown key was taken for (its error already says "did you mean").</summary>
    private readonly HashSet<string> _misspelt = new(StringComparer.Ordinal);

    public FieldMap(BindContext context, MappingNode node, string path, IReadOnlyCollection<string> allowed)
    {
        Context = context;
        Node = node;
        Path = path;
        foreach (var entry in node.Entries)
        {
            var name = entry.Key.Text;
            if (_fields.TryGetValue(name, out var first))
            {
                context.Error(entry.Key, Field(name), $"duplicate key '{name}' (first given on line {first.Key.Start.Line})",
                    "each key at most once");
                continue;
            }
            if (!allowed.Contains(name))
            {
                context.Error(entry.Key, Field(name), $"unknown field '{name}'", Suggestions.Allowed(name, allowed, "allowed here"));
                if (Suggestions.Closest(name, allowed) is { } meant) _misspelt.Add(meant);
                continue;
            }
            _fields[name] = entry;
        }
    }

    public BindContext Context { get; }
    public MappingNode Node { get; }
    public string Path { get; }

    public string Field(string name) => BindContext.Join(Path, name);

    public bool Has(string name) => _fields.TryGetValue(name, out var e) && !(e.Value is ScalarNode { IsNull: true });

    /// <summary>The value of a field, or null when it is absent or null.</summary>
    public LocatedNode? Get(string name) =>
        _fields.TryGetValue(name, out var e) && e.Value is not ScalarNode { IsNull: true } ? e.Value : null;

    /// <summary>The value of a required field; reports it missing (at the mapping) when absent.</summary>
    public LocatedNode? Require(string name, string allowed)
    {
        var node = Get(name);
        if (node is null)
        {
            if (_fields.TryGetValue(name, out var e)) Context.Error(e.Value, Field(name), "a value is required", allowed);
            else if (!_misspelt.Contains(name)) Context.Error(Node, Field(name), $"missing required field '{name}'", allowed);
        }
        return node;
    }

    public string? Text(string name, bool required = false, string allowed = "text")
    {
        var node = required ? Require(name, allowed) : Get(name);
        return node is null ? null : ScalarValues.Text(Context, node, Field(name), allowed);
    }

    public double? Number(string name, bool required, string allowed)
    {
        var node = required ? Require(name, allowed) : Get(name);
        return node is null ? null : ScalarValues.Number(Context, node, Field(name), allowed);
    }

    public bool? Bool(string name)
    {
        var node = Get(name);
        return node is null ? null : ScalarValues.Bool(Context, node, Field(name));
    }

    public FieldMap? Map(string name, IReadOnlyCollection<string> allowed, bool required = false, string? what = null)
    {
        var node = required ? Require(name, what ?? "a mapping") : Get(name);
        if (node is null) return null;
        if (node is MappingNode m) return new FieldMap(Context, m, Field(name), allowed);
        Context.Error(node, Field(name), $"expected a mapping (key: value), got {node.Describe()}", what);
        return null;
    }

    public SequenceNode? List(string name, bool required = false, string allowed = "a list")
    {
        var node = required ? Require(name, allowed) : Get(name);
        if (node is null) return null;
        if (node is SequenceNode s) return s;
        Context.Error(node, Field(name), $"expected a list, got {node.Describe()}", allowed);
        return null;
    }
}
