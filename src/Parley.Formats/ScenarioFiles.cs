using Parley.Core.Domain;

namespace Parley.Formats;

/// <summary>
/// Loads a scenario from a file (read by <see cref="InputFile"/>: a regular file of at most 50 MB), picks the reader by
/// <c>--format</c>, else by content (for formats that claim it), else by extension, and returns every problem found.
/// </summary>
public static class ScenarioFiles
{
    /// <summary>Files larger than this are refused (documented in docs/scenario-format.md).</summary>
    public const long MaxBytes = InputFile.MaxBytes;

    private static readonly List<IScenarioReader> Readers = [];

    /// <summary>The readers, in order of precedence when recognising content.</summary>
    public static IReadOnlyList<IScenarioReader> All
    {
        get { lock (Readers) return Readers.ToArray(); }
    }

    /// <summary>Adds a reader (formats register themselves in <see cref="FormatRegistration"/>).</summary>
    public static void Register(IScenarioReader reader)
    {
        lock (Readers)
        {
            Readers.RemoveAll(r => r.Format == reader.Format);
            Readers.Add(reader);
        }
    }

    static ScenarioFiles() => FormatRegistration.RegisterBuiltIns();

    public static LoadResult<Scenario> Load(string path, string? format = null, ReadOptions? options = null)
    {
        var text = InputFile.ReadText(path);
        return text.Ok ? Parse(path, text.Value!, format, options) : LoadResult<Scenario>.Fail(text.Errors);
    }

    /// <summary>Reads content already in memory (e.g. the bundled scenario) as if it came from <paramref name="displayPath"/>.</summary>
    public static LoadResult<Scenario> Parse(string displayPath, string content, string? format = null, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var reader = Choose(displayPath, content, format, out var error);
        if (reader is null) return LoadResult<Scenario>.Fail([error!]);
        LoadResult<Scenario> read;
        try
        {
            read = reader.Read(displayPath, content, options);
        }
        catch (ArgumentException e)
        {
            // A reader checks everything the domain constructors demand, at its place in the file; should one slip, the
            // constructor's refusal is still an input error (exit 2), reported at the file's start. The fuzz targets
            // call the readers directly, so such a slip still counts as a crash there (docs/fuzzing.md).
            return LoadResult<Scenario>.Fail([new Diagnostic(displayPath, 1, 1, "", "not a valid scenario: " + e.Message.TrimEnd('.'))]);
        }
        return CheckModelSettings(displayPath, read, options);
    }

    /// <summary>
    /// Every reader's model settings (a scenario's <c>model_settings</c>, KTAB's run parameters...) checked against the
    /// registry the caller reads for: an unregistered model, an undeclared setting, a value the model cannot use. The
    /// YAML/JSON binder already refuses these at their line; this covers the other readers in one place.
    /// </summary>
    private static LoadResult<Scenario> CheckModelSettings(string path, LoadResult<Scenario> read, ReadOptions options)
    {
        if (!read.Ok) return read;
        var errors = new List<Diagnostic>();
        foreach (var defaults in read.Value!.ModelDefaults)
            if (options.Models.DefaultsProblem(defaults) is { } problem)
            {
                var at = defaults.Sources.Values.FirstOrDefault();
                var (line, column) = LineAndColumn(at);
                errors.Add(new Diagnostic(path, line, column, $"model_settings.{defaults.Model}", problem));
            }
        return errors.Count == 0 ? read : LoadResult<Scenario>.Fail(errors, read.Notices);
    }

    /// <summary>The line and column at the end of a "FILE:LINE:COLUMN" place (0, 0 when there is none).</summary>
    private static (int Line, int Column) LineAndColumn(string? place)
    {
        var parts = place?.Split(':') ?? [];
        return parts.Length >= 3 && int.TryParse(parts[^2], out var line) && int.TryParse(parts[^1], out var column)
            ? (line, column)
            : (0, 0);
    }

    private static IScenarioReader? Choose(string path, string content, string? format, out Diagnostic? error)
    {
        error = null;
        var readers = All;
        if (!string.IsNullOrEmpty(format))
        {
            var r = readers.FirstOrDefault(x => string.Equals(x.Format, format, StringComparison.OrdinalIgnoreCase));
            if (r is null)
                error = new Diagnostic(path, 0, 0, "--format", $"unknown format '{format}'",
                    "one of " + string.Join(", ", readers.Select(x => x.Format)));
            return r;
        }
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var claiming = readers.Where(r => r.Extensions.Contains(ext)).ToList();
        var recognised = claiming.FirstOrDefault(r => r.Recognises(content))
                         ?? readers.Where(r => !claiming.Contains(r)).FirstOrDefault(r => r.Recognises(content));
        if (recognised is not null) return recognised;
        if (claiming.Count > 0) return claiming[^1];
        error = new Diagnostic(path, 0, 0, "", $"cannot tell the file's format from its extension '{ext}'",
            "use .yaml, .yml, .json or .csv, or give --format " + string.Join("|", readers.Select(x => x.Format)));
        return null;
    }
}
