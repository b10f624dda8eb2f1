using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Binds a located document tree to a <see cref="Scenario"/>, checking everything the schema
/// (docs/scenario-format.md) demands and collecting every problem, each at the line and column it concerns.
/// The domain constructors are only called once the binder has found nothing wrong.
/// </summary>
internal sealed partial class ScenarioBinder
{
    private const string IdsAllowed = "letters, digits, '-', '_' and '.'";
    private readonly BindContext _context;
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssueEntry> _issues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActorEntry> _actors = new(StringComparer.Ordinal);
    private readonly List<(string Id, LocatedNode Node, string Field)> _actorReferences = [];
    private double _salienceScale = 1;

    /// <summary>False when the issues (actors) list itself is unusable: references to them are then not checked.</summary>
    private bool _issuesListed, _actorsListed;

    private int _actorItems;

    private readonly Core.Models.ModelRegistry _models;

    private ScenarioBinder(string file, Core.Models.ModelRegistry models)
    {
        _context = new BindContext(file);
        _models = models;
    }

    /// <summary>Binds a parsed document (syntax errors included) into a scenario or its diagnostics.</summary>
    public static LoadResult<Scenario> Bind(string file, ParsedDocument document, ReadOptions options)
    {
        if (!document.Ok) return LoadResult<Scenario>.Fail(document.Errors);
        var binder = new ScenarioBinder(file, options.Models);
        var scenario = binder.BindRoot(document.Root);
        return binder._context.HasErrors || scenario is null
            ? LoadResult<Scenario>.Fail(binder._context.Errors)
            : LoadResult<Scenario>.Success(scenario);
    }

    private Scenario? BindRoot(LocatedNode? root)
    {
        if (root is null or ScalarNode { IsNull: true })
        {
            _context.Error(new Mark(1, 1), "", "the file is empty", "a scenario with 'scenario', 'issues' and 'actors'; see docs/scenario-format.md");
            return null;
        }
        if (root is not MappingNode rootMap)
        {
            _context.Error(root, "", $"expected a mapping with 'scenario', 'issues' and 'actors', got {root.Describe()}",
                "see docs/scenario-format.md");
            return null;
        }
        var top = new FieldMap(_context, rootMap, "", SchemaFields.Root);
        var metadata = BindMetadata(top);
        BindSalienceScale(top);
        var decisionRule = top.Get("decision_rule") is { } ruleNode ? BindDecisionRule(ruleNode, "decision_rule") : null;
        var capabilityBasis = BindCapabilityBasis(top);
        var setter = ActorReference(top, "agenda_setter");
        BindIssues(top);
        BindActors(top);
        var idealAdjustments = BindIdealAdjustments(top);
        var shocks = BindShocks(top);
        var modelDefaults = BindModelSettings(top);
        CheckActorReferences();
        CheckParticipation(top);
        if (_context.HasErrors || metadata is null) return null;

        var actors = _actors.Values.OrderBy(a => a.Index).Select(a => a.Actor!).ToArray();
        var issues = _issues.Values.OrderBy(i => i.Index).Select(i => i.Issue!).ToArray();
        var stances = _actors.Values.OrderBy(a => a.Index).SelectMany(a => a.Stances).ToArray();
        return _context.Build(rootMap, "", () => new Scenario(metadata, actors, issues, stances, decisionRule,
            setter is null ? null : new ActorId(setter), shocks, idealAdjustments, modelDefaults) { CapabilityBasis = capabilityBasis });
    }

    private ScenarioMetadata? BindMetadata(FieldMap top)
    {
        var map = top.Map("scenario", SchemaFields.Metadata, required: true, what: "a mapping with id and title");
        if (map is null) return null;
        var id = map.Text("id", required: true, "an id of " + IdsAllowed);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            _context.Error(map.Get("id")!, map.Field("id"), $"'{id}' is not a valid scenario id", IdsAllowed);
            id = null;
        }
        var title = map.Text("title", required: true, "a title");
        var description = map.Text("description");
        var asOf = Date(map, "as_of");
        var decided = Date(map, "decided");
        if (asOf is { } evidence && decided is { } decision && evidence > decision)
            _context.Error(map.Get("as_of")!, map.Field("as_of"), $"the evidence date {Iso(evidence)} is after the decision ({Iso(decision)})",
                "as_of on or before decided: a case is coded from what was known before it was decided");
        BindSources(map);
        if (id is null || title is null) return null;
        return new ScenarioMetadata(id, title, description, asOf, _sources.Values.ToArray(), decided);
    }

    /// <summary>An optional ISO date field (YYYY-MM-DD); a located error when it is not one.</summary>
    private DateOnly? Date(FieldMap map, string name)
    {
        const string allowed = "a date YYYY-MM-DD";
        if (map.Text(name, allowed: allowed) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        _context.Error(map.Get(name)!, map.Field(name), $"'{text}' is not a date", allowed);
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void BindSources(FieldMap metadata)
    {
        var list = metadata.List("sources", allowed: "a list of sources (id, title, url, file, published)");
        if (list is null) return;
        for (int k = 0; k < list.Items.Count; k++)
        {
            var item = Item(list.Items[k], metadata.Field("sources"), k, SchemaFields.Source, "a source (id, title, url, file, published)");
            if (item is null) continue;
            var id = item.Text("id", required: true, "a source id");
            var title = item.Text("title", required: true, "the source's title");
            var url = item.Text("url");
            var file = item.Text("file");
            var published = Date(item, "published");
            if (id is null || title is null) continue;
            if (_sources.ContainsKey(id))
            {
                _context.Error(item.Get("id")!, item.Field("id"), $"duplicate source id '{id}'", "each source id once");
                continue;
            }
            _sources[id] = new Source(id, title, url, file, published);
        }
    }

    private void BindSalienceScale(FieldMap top)
    {
        const string allowed = "1 (saliences 0–1) or 100 (saliences 0–100)";
        if (top.Number("salience_scale", required: false, allowed) is not { } scale) return;
        if (scale is 1 or 100) _salienceScale = scale;
        else _context.Error(top.Get("salience_scale")!, "salience_scale", $"{ScalarValues.Format(scale)} is not a salience scale", allowed);
    }

    /// <summary>Opens one list item as a mapping, labelled by its id when it has a usable one (e.g. <c>actors[usa]</c>).</summary>
    private FieldMap? Item(LocatedNode node, string listField, int index, IReadOnlyCollection<string> allowed, string what)
    {
        if (node is not MappingNode map)
        {
            _context.Error(node, $"{listField}[{index}]", $"expected a mapping, got {node.Describe()}", what);
            return null;
        }
        var label = index.ToString(CultureInfo.InvariantCulture);
        foreach (var entry in map.Entries)
            if (entry.Key.Text == "id" && entry.Value is ScalarNode { IsNull: false } idNode && !string.IsNullOrWhiteSpace(idNode.Text))
            {
                label = idNode.Text;
                break;
            }
        return new FieldMap(_context, map, $"{listField}[{label}]", allowed);
    }

    /// <summary>Reads an actor id that must name a declared actor; checked once all actors are known.</summary>
    private string? ActorReference(FieldMap map, string name)
    {
        var id = map.Text(name, allowed: "an actor id");
        if (id is not null) _actorReferences.Add((id, map.Get(name)!, map.Field(name)));
        return id;
    }

    private void CheckActorReferences()
    {
        if (!_actorsListed) return;
        foreach (var (id, node, field) in _actorReferences)
            if (!_actors.ContainsKey(id))
                _context.Error(node, field, $"unknown actor '{id}'", Suggestions.Allowed(id, _actors.Keys, "actors"));
    }

    /// <summary>Every issue needs at least two actors with a position on it; a scenario at least two actors.</summary>
    private void CheckParticipation(FieldMap top)
    {
        if (!_actorsListed) return; // already reported
        if (_actorItems == 1)
            _context.Error(top.Get("actors")!, "actors", "only one actor is declared", "at least two actors");
        foreach (var issue in _issues.Values.Where(i => i.Issue is not null))
            if (issue.Positioned < 2)
                _context.Error(issue.IdNode, issue.Field, $"issue '{issue.Id}' has {issue.Positioned} actor(s) with a position on it",
                    "at least two actors with a position on each issue");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex IdPattern();
}
