using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Formats;
using Parley.Formats.Writing;

namespace Parley.Application.Scenarios;

/// <summary>A scenario as read, with the reader's notes (e.g. "saliences read as percent").</summary>
public sealed record LoadedScenario(Scenario Scenario, IReadOnlyList<Note> Notes);

/// <summary>A file checked by <see cref="ScenarioLoader.Validate"/>: the scenario when it is valid, else every problem found.</summary>
public sealed record Validation(string Path, Scenario? Scenario, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Note> Notes)
{
    public bool Ok => Scenario is not null && Errors.Count == 0;
}

/// <summary>
/// Reads scenarios for the use cases: from a file (any registered format), from text, or the bundled flagship scenario
/// (NATO's Hague 2025 summit). Model settings in a scenario are checked against the registry the loader was made with.
/// Invalid input throws <see cref="InputException"/> with every located diagnostic.
/// </summary>
public sealed class ScenarioLoader(ModelRegistry? registry = null)
{
    /// <summary>The bundled scenario's file name, as shown in messages.</summary>
    public const string BundledName = "nato-hague-2025.yaml";

    private const string BundledResource = "Parley.Application.Scenarios.nato-hague-2025.yaml";

    private readonly ModelRegistry _registry = registry ?? ModelRegistry.BuiltIn;

    /// <summary>Reads a scenario file; <paramref name="format"/> overrides the extension, <paramref name="scale"/> is the scale of one-issue tables.</summary>
    /// <param name="salienceScale">For tables: the scale saliences are written on (1 or 100); null = told from the values.</param>
    public LoadedScenario Load(string path, string? format = null, Scale? scale = null, int? salienceScale = null) =>
        Accept(ScenarioFiles.Load(path, format, Options(scale, salienceScale)));

    /// <summary>Reads scenario text, shown in messages as <paramref name="displayPath"/>.</summary>
    public LoadedScenario Parse(string displayPath, string content, string? format = null, Scale? scale = null, int? salienceScale = null) =>
        Accept(ScenarioFiles.Parse(displayPath, content, format, Options(scale, salienceScale)));

    /// <summary>The bundled NATO Hague 2025 scenario.</summary>
    public LoadedScenario Bundled(string? format = null) => Parse($"{BundledName} (bundled)", BundledText(), format ?? "yaml");

    /// <summary>The bundled scenario's YAML text.</summary>
    public static string BundledText()
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(BundledResource)
                           ?? throw new InvalidOperationException("the bundled scenario is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Checks one file and reports every problem instead of throwing.</summary>
    /// <param name="scale">For one-issue tables: the issue's scale (as <see cref="Load"/>).</param>
    public Validation Validate(string path, string? format = null, int? salienceScale = null, Scale? scale = null)
    {
        var result = ScenarioFiles.Load(path, format, Options(scale, salienceScale));
        var notes = ReadingNotes(result.Notices);
        return result.Ok ? new Validation(path, result.Value, [], notes) : new Validation(path, null, result.Errors, notes);
    }

    /// <summary>
    /// How vetoes are assigned where a declaration departs from the rule's default (nothing when none does): under
    /// consensus every actor holds a veto unless declared <c>veto: false</c>; under a majority rule only <c>veto: true</c>
    /// actors hold one; actors that may opt out do not block (the procedural model).
    /// </summary>
    public static IReadOnlyList<string> VetoSummary(Scenario scenario)
    {
        var lines = new List<string>();
        var rules = scenario.Issues.Select(scenario.RuleFor).ToArray();
        bool anyConsensus = rules.Any(r => r is DecisionRule.Consensus), anyMajority = rules.Any(r => r is not DecisionRule.Consensus);
        string Ids(IEnumerable<Actor> actors) => string.Join(", ", actors.Select(a => a.Id.Value));
        var without = scenario.Actors.Where(a => a.Veto == false).ToArray();
        var with = scenario.Actors.Where(a => a.Veto == true).ToArray();
        var optOut = scenario.Actors.Where(a => a.OptOut).ToArray();
        if (anyConsensus && without.Length > 0)
            lines.Add($"vetoes: under consensus every actor holds a veto except {Ids(without)} (veto: false)");
        if (anyMajority && with.Length > 0)
            lines.Add($"vetoes: under the majority rule(s) {Ids(with)} hold a veto (veto: true); the others do not");
        if (optOut.Length > 0)
            lines.Add($"opt-outs: {Ids(optOut)} may accept with an exemption instead of vetoing (opt_out: true)");
        if (!anyConsensus && without.Length > 0)
            lines.Add($"vetoes: veto: false on {Ids(without)} changes nothing: no issue is decided by consensus");
        if (!anyMajority && with.Length > 0)
            lines.Add($"vetoes: veto: true on {Ids(with)} changes nothing: under consensus every actor holds a veto already");
        return lines;
    }

    /// <summary>The scenario in Parley's own schema, as YAML (<c>yaml</c>) or JSON (<c>json</c>).</summary>
    public static string Write(Scenario scenario, string format) => format.ToLowerInvariant() switch
    {
        "yaml" or "yml" => ScenarioYamlWriter.Write(scenario),
        "json" => ScenarioJsonWriter.Write(scenario),
        _ => throw new Core.InvalidRequestException("to", $"'{format}' is not an output format (yaml or json)"),
    };

    private ReadOptions Options(Scale? scale, int? salienceScale) =>
        new() { Scale = scale, SalienceScale = salienceScale, Models = _registry };

    private static LoadedScenario Accept(LoadResult<Scenario> result)
    {
        var notes = ReadingNotes(result.Notices);
        return new LoadedScenario(result.ValueOrThrow(), notes);
    }

    private static IReadOnlyList<Note> ReadingNotes(IEnumerable<string> notices) => notices.Select(n => new Note(NoteKind.Reading, n)).ToArray();
}
