using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Parley.Web.Scenarios;

/// <summary>
/// A scenario being edited in the UI: its YAML (or JSON) tree, with typed-as-text access to the fields the editor
/// shows (issues' scale, anchors, status quo, rule and setter; actors' capability and their positions' value, salience,
/// range and evidence). Every other field is kept as it was. The editor validates <see cref="ToYaml"/> with the same
/// reader as the CLI, so what it reports is what `parley validate` would. Values are kept as typed (text) so that an
/// invalid entry reaches the reader and gets its located message. Comments are not kept (the Source tab keeps them).
/// </summary>
public sealed class ScenarioDraft
{
    private readonly YamlMappingNode _root;

    private ScenarioDraft(YamlMappingNode root) => _root = root;

    public static ScenarioDraft Parse(string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(source));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException("the scenario is not a mapping");
        return new ScenarioDraft(root);
    }

    /// <summary>The draft as YAML (flow style for JSON sources' objects is kept as written).</summary>
    public string ToYaml()
    {
        var writer = new StringWriter();
        // sequences indented under their key, as Parley's files and templates write them, so that a diff shows the edit
        new YamlStream(new YamlDocument(_root)).Save(new Emitter(writer, EmitterSettings.Default.WithIndentedSequences()), assignAnchors: false);
        var text = writer.ToString().TrimEnd();
        if (text.EndsWith("...", StringComparison.Ordinal)) text = text[..^3].TrimEnd();
        return text + "\n";
    }

    public string DecisionRule { get => Get(_root, "decision_rule"); set => Set(_root, "decision_rule", value); }
    public string AgendaSetter { get => Get(_root, "agenda_setter"); set => Set(_root, "agenda_setter", value); }
    public string Title => Map(_root, "scenario") is { } s ? Get(s, "title") : "";

    public IReadOnlyList<IssueDraft> Issues => Seq(_root, "issues").OfType<YamlMappingNode>().Select(n => new IssueDraft(n)).ToArray();
    public IReadOnlyList<ActorDraft> Actors => Seq(_root, "actors").OfType<YamlMappingNode>().Select(n => new ActorDraft(n)).ToArray();

    /// <summary>The declared shocks' ids (for what-ifs).</summary>
    public IReadOnlyList<string> Shocks => Seq(_root, "shocks").OfType<YamlMappingNode>().Select(n => Get(n, "id")).Where(s => s.Length > 0).ToArray();

    internal static string Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";

    /// <summary>Sets a scalar (empty text removes the key, so that an optional field can be cleared).</summary>
    internal static void Set(YamlMappingNode node, string key, string? value)
    {
        var k = new YamlScalarNode(key);
        if (string.IsNullOrWhiteSpace(value))
        {
            node.Children.Remove(k);
            return;
        }
        node.Children[k] = new YamlScalarNode(value.Trim());
    }

    internal static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;

    internal static YamlMappingNode MapOrNew(YamlMappingNode node, string key)
    {
        if (Map(node, key) is { } m) return m;
        var created = new YamlMappingNode { Style = MappingStyle.Flow };
        node.Children[new YamlScalarNode(key)] = created;
        return created;
    }

    private static IEnumerable<YamlNode> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode s ? s.Children : [];
}

/// <summary>One issue of a draft.</summary>
public sealed class IssueDraft(YamlMappingNode node)
{
    public string Id => ScenarioDraft.Get(node, "id");
    public string Title { get => ScenarioDraft.Get(node, "title"); set => ScenarioDraft.Set(node, "title", value); }
    public string Min { get => ScaleValue("min"); set => ScenarioDraft.Set(Scale, "min", value); }
    public string Max { get => ScaleValue("max"); set => ScenarioDraft.Set(Scale, "max", value); }
    public string Unit { get => ScaleValue("unit"); set => ScenarioDraft.Set(Scale, "unit", value); }
    public string StatusQuo { get => ScenarioDraft.Get(node, "status_quo"); set => ScenarioDraft.Set(node, "status_quo", value); }

    /// <summary>The issue's own decision rule (empty: the scenario's).</summary>
    public string Rule { get => ScenarioDraft.Get(node, "decision_rule"); set => ScenarioDraft.Set(node, "decision_rule", value); }

    /// <summary>The issue's own agenda setter (empty: the scenario's).</summary>
    public string Setter { get => ScenarioDraft.Get(node, "agenda_setter"); set => ScenarioDraft.Set(node, "agenda_setter", value); }

    /// <summary>The anchors as "VALUE: LABEL" lines.</summary>
    public string Anchors
    {
        get
        {
            var anchors = ScenarioDraft.Map(node, "anchors");
            if (anchors is null) return "";
            var sb = new StringBuilder();
            foreach (var (k, v) in anchors.Children)
                sb.Append((k as YamlScalarNode)?.Value).Append(": ").Append((v as YamlScalarNode)?.Value).Append('\n');
            return sb.ToString().TrimEnd();
        }
        set
        {
            var map = new YamlMappingNode();
            foreach (var line in (value ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                int colon = line.IndexOf(':');
                var key = colon < 0 ? line : line[..colon].Trim();
                var label = colon < 0 ? "" : line[(colon + 1)..].Trim().Trim('"');
                map.Children[new YamlScalarNode(key)] = new YamlScalarNode(label) { Style = ScalarStyle.DoubleQuoted };
            }
            if (map.Children.Count == 0) node.Children.Remove(new YamlScalarNode("anchors"));
            else node.Children[new YamlScalarNode("anchors")] = map;
        }
    }

    private YamlMappingNode Scale => ScenarioDraft.MapOrNew(node, "scale");

    // reading never adds a missing scale to the draft (only editing it does)
    private string ScaleValue(string key) => ScenarioDraft.Map(node, "scale") is { } scale ? ScenarioDraft.Get(scale, key) : "";
}

/// <summary>One actor of a draft.</summary>
public sealed class ActorDraft(YamlMappingNode node)
{
    public string Id => ScenarioDraft.Get(node, "id");
    public string Name { get => ScenarioDraft.Get(node, "name"); set => ScenarioDraft.Set(node, "name", value); }
    public string Capability { get => ScenarioDraft.Get(node, "capability"); set => ScenarioDraft.Set(node, "capability", value); }

    /// <summary>The actor's position on an issue, or null when it takes none.</summary>
    public PositionDraft? On(string issue) =>
        ScenarioDraft.Map(node, "positions") is { } p && ScenarioDraft.Map(p, issue) is { } m ? new PositionDraft(m) : null;
}

/// <summary>One actor's position on one issue: value, salience, range, evidence.</summary>
public sealed class PositionDraft(YamlMappingNode node)
{
    public string Position { get => ScenarioDraft.Get(node, "position"); set => ScenarioDraft.Set(node, "position", value); }
    public string Salience { get => ScenarioDraft.Get(node, "salience"); set => ScenarioDraft.Set(node, "salience", value); }
    public string Low { get => Range is { } r ? ScenarioDraft.Get(r, "low") : ""; set => SetRange("low", value); }
    public string High { get => Range is { } r ? ScenarioDraft.Get(r, "high") : ""; set => SetRange("high", value); }

    /// <summary>The evidence in words: the judgement's reason, or the quote.</summary>
    public string Evidence
    {
        get => ScenarioDraft.Map(node, "evidence") is { } e ? (ScenarioDraft.Get(e, "judgement") is { Length: > 0 } j ? j : ScenarioDraft.Get(e, "quote")) : "";
        set
        {
            var e = ScenarioDraft.MapOrNew(node, "evidence");
            if (ScenarioDraft.Get(e, "quote").Length > 0 && ScenarioDraft.Get(e, "judgement").Length == 0) ScenarioDraft.Set(e, "quote", value);
            else ScenarioDraft.Set(e, "judgement", value);
        }
    }

    /// <summary>"quote" when the evidence cites a source, else "judgement".</summary>
    public string EvidenceKind => ScenarioDraft.Map(node, "evidence") is { } e && ScenarioDraft.Get(e, "quote").Length > 0 ? "quote" : "judgement";

    private YamlMappingNode? Range => ScenarioDraft.Map(node, "range");

    private void SetRange(string key, string? value)
    {
        var r = ScenarioDraft.MapOrNew(node, "range");
        ScenarioDraft.Set(r, key, value);
        if (r.Children.Count == 0) node.Children.Remove(new YamlScalarNode("range"));
    }
}
