using System.CommandLine;
using System.Globalization;
using Parley.Application.Scenarios;
using Parley.Core.Domain;

namespace Parley.Cli;

/// <summary>
/// The scenario argument and input options shared by the commands that read one scenario
/// (run, analyze, report, explain...): with no file, the bundled Hague 2025 scenario.
/// </summary>
public sealed class ScenarioInput
{
    public const string BundledName = ScenarioLoader.BundledName;

    public Argument<string?> File { get; } = new("scenario")
    {
        Description = "Scenario file (.yaml, .yml, .json, .csv, ...). Default: the bundled NATO Hague 2025 scenario.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Input format, overriding the file extension (yaml, json, csv, ...).",
    };

    public Option<string?> Scale { get; } = new("--scale")
    {
        Description = "For one-issue CSV tables: the issue's scale as MIN:MAX (default: the range of the positions).",
    };

    public Option<int?> SalienceScale { get; } = new("--salience-scale")
    {
        Description = "For one-issue CSV tables: the saliences' scale, 1 (0–1) or 100 (0–100) (default: told from the values; a table mixing them is an error).",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Format);
        command.Options.Add(Scale);
        command.Options.Add(SalienceScale);
    }

    /// <summary>Reads the scenario, printing the reader's notes on stderr; throws with every problem.</summary>
    public Scenario Load(ParseResult parse, CliConsole console) =>
        Load(parse.GetValue(File), parse.GetValue(Format), parse.GetValue(Scale), console, parse.GetValue(SalienceScale));

    public static Scenario Load(string? path, string? format, string? scale, CliConsole console, int? salienceScale = null)
    {
        if (path is not null && path.StartsWith('-') && path.Length > 1)
            throw new UsageException($"unknown option '{path}' (see 'parley --help')");
        if (salienceScale is not (null or 1 or 100))
            throw new UsageException($"--salience-scale: {salienceScale} is not a salience scale (1 for 0–1, or 100 for 0–100)");
        var loader = new ScenarioLoader();
        var loaded = path is null ? loader.Bundled(format) : loader.Load(path, format, ParseScale(scale), salienceScale);
        console.Notes(loaded.Notes);
        return loaded.Scenario;
    }

    public static string ReadBundled() => ScenarioLoader.BundledText();

    /// <summary>--scale MIN:MAX, checked (a located usage error otherwise).</summary>
    internal static Scale? ParseScale(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(':');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            && double.IsFinite(min) && double.IsFinite(max) && min < max)
            return InputBounds.Scale(min, max) is { } problem
                ? throw new UsageException($"--scale: {problem} ({InputBounds.MagnitudeAllowed} at each end)")
                : new Scale(min, max);
        throw new UsageException($"--scale: '{text}' is not MIN:MAX with MIN < MAX (e.g. --scale 0:100)");
    }
}
