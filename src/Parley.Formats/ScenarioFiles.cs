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
        try
        {
            return reader.Read(displayPath, content, options);
        }
        catch (ArgumentException e)
        {
            // A reader checks everything the domain constructors demand, at its place in the file; should one slip, the
            // constructor's refusal is still an input error (exit 2), reported at the file's start. The fuzz targets
            // call the readers directly, so such a slip still counts as a crash there (docs/fuzzing.md).
            return LoadResult<Scenario>.Fail([new Diagnostic(displayPath, 1, 1, "", "not a valid scenario: " + e.Message.TrimEnd('.'))]);
        }
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
