using System.Collections.Concurrent;
using Parley.Application;
using Parley.Application.Scenarios;
using Parley.Core.Domain;
using Parley.Formats;
using Parley.Storage;

namespace Parley.Web.Scenarios;

/// <summary>A scenario text checked the way `parley validate` checks a file.</summary>
public sealed record SourceCheck(Scenario? Scenario, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Note> Notes)
{
    public bool Ok => Scenario is not null && Errors.Count == 0;
}

/// <summary>
/// Scenarios in the web app: every save is checked with <see cref="ScenarioLoader"/> (the CLI's reader and messages)
/// and stored as a new version with its source exactly as written. Imports of other formats (CSV tables, KTAB, …) are
/// stored as the YAML Parley writes for them.
/// </summary>
public sealed class ScenarioService(ParleyStore store, ScenarioLoader loader)
{
    private readonly ConcurrentDictionary<long, Scenario> _parsed = new();

    public ParleyStore Store => store;

    /// <summary>The format of a text source: json when it starts with '{', else yaml.</summary>
    public static string TextFormat(string source, string? format) =>
        !string.IsNullOrWhiteSpace(format) ? format.Trim().ToLowerInvariant() : source.TrimStart().StartsWith('{') ? "json" : "yaml";

    /// <summary>The name diagnostics show for a source (e.g. scenario.yaml).</summary>
    public static string DisplayName(string format) => "scenario." + (format == "yaml" ? "yaml" : format);

    public SourceCheck Check(string source, string? format = null, string? name = null)
    {
        var f = TextFormat(source, format);
        try
        {
            var loaded = loader.Parse(name ?? DisplayName(f), source, f);
            return new SourceCheck(loaded.Scenario, [], loaded.Notes);
        }
        catch (InputException e)
        {
            return new SourceCheck(null, e.Diagnostics, e.Notices.Select(n => new Note(NoteKind.Reading, n)).ToArray());
        }
    }

    /// <summary>Reads a source or throws <see cref="InputException"/> with every located problem.</summary>
    public Scenario Parse(string source, string format) => loader.Parse(DisplayName(format), source, format).Scenario;

    public async Task<ScenarioVersionRecord> Create(string source, string? format, string author, string? message, CancellationToken ct = default)
    {
        var f = TextFormat(source, format);
        var scenario = Parse(source, f);
        return await store.CreateScenario(new NewVersion(f, source, scenario.Metadata.Title, author, message), ct);
    }

    public async Task<ScenarioVersionRecord> Save(long scenarioId, int baseVersion, string source, string? format, string author, string? message,
        CancellationToken ct = default)
    {
        var f = TextFormat(source, format);
        var scenario = Parse(source, f);
        return await store.SaveVersion(scenarioId, baseVersion, new NewVersion(f, source, scenario.Metadata.Title, author, message), ct);
    }

    /// <summary>
    /// Reads an uploaded file with any reader <see cref="ScenarioLoader"/> has (by its extension or content) and
    /// stores it as a new scenario, or as a new version when <paramref name="scenarioId"/> is given.
    /// </summary>
    public async Task<ScenarioVersionRecord> Import(string fileName, Stream content, string author, long? scenarioId, int? baseVersion,
        CancellationToken ct = default)
    {
        var name = SafeName(fileName);
        var dir = Directory.CreateTempSubdirectory("parley-import-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            await using (var file = File.Create(path)) await content.CopyToAsync(file, ct);
            LoadedScenario loaded;
            try
            {
                loaded = loader.Load(path);
            }
            catch (InputException e) // the diagnostics name the uploaded file, not the temporary copy
            {
                throw new InputException(e.Diagnostics.Select(d => d.File == path ? d with { File = name } : d).ToArray()) { Notices = e.Notices };
            }
            var ext = Path.GetExtension(name).ToLowerInvariant();
            var (format, source, message) = ext is ".yaml" or ".yml" or ".json"
                ? (ext == ".json" ? "json" : "yaml", await File.ReadAllTextAsync(path, ct), $"imported {name}")
                : ("yaml", ScenarioLoader.Write(loaded.Scenario, "yaml"), $"imported {name} (stored as Parley YAML)");
            var version = new NewVersion(format, source, loaded.Scenario.Metadata.Title, author, message);
            return scenarioId is { } id
                ? await store.SaveVersion(id, baseVersion ?? (await store.GetScenario(id, ct)).LatestVersion, version, ct)
                : await store.CreateScenario(version, ct);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The scenario of a stored version (parsed once; versions never change).</summary>
    public Scenario ScenarioOf(ScenarioVersionRecord version)
    {
        if (_parsed.TryGetValue(version.Id, out var s)) return s;
        var scenario = Parse(version.Source, version.Format);
        if (_parsed.Count > 200) _parsed.Clear();
        _parsed[version.Id] = scenario;
        return scenario;
    }

    /// <summary>Seeds an empty database: the template first, then the bundled Hague scenario.</summary>
    public async Task SeedIfEmpty(CancellationToken ct = default)
    {
        if (!await store.IsEmpty(ct)) return;
        foreach (var t in Templates.All)
            await Create(t.Source, "yaml", "parley", t.Id == Templates.Hague ? "the bundled scenario" : "the template", ct);
    }

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        return string.IsNullOrEmpty(clean) ? "upload.yaml" : clean.Length > 100 ? clean[^100..] : clean;
    }
}
