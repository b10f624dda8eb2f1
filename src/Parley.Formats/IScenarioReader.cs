using Parley.Core.Models;
using Parley.Core.Domain;

namespace Parley.Formats;

/// <summary>Options that some readers accept (e.g. the scale of a one-issue CSV table).</summary>
public sealed record ReadOptions
{
    public static readonly ReadOptions Default = new();

    /// <summary>For one-issue tables: the scale (default: the range of the positions).</summary>
    public Scale? Scale { get; init; }

    /// <summary>The models a scenario's <c>model_settings</c> may name and configure (default: Parley's own).</summary>
    public ModelRegistry Models { get; init; } = ModelRegistry.BuiltIn;

    /// <summary>
    /// For one-issue tables: the scale the saliences are written on, 1 (0–1) or 100 (0–100, divided by 100); null = told
    /// from the values (0–100 when some exceed 1 and none is a fraction, an error when they mix).
    /// </summary>
    public int? SalienceScale { get; init; }
}

/// <summary>
/// Reads one input format into a validated <see cref="Scenario"/>. Readers never throw on bad input:
/// every problem comes back as a located <see cref="Diagnostic"/>.
/// </summary>
public interface IScenarioReader
{
    /// <summary>The name used with <c>--format</c> (yaml, json, csv, ktab, decide...).</summary>
    string Format { get; }

    /// <summary>File extensions (lower case, with the dot) this reader claims.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>True when the content is recognisably this format (used when the extension is ambiguous, e.g. .csv).</summary>
    bool Recognises(string content) => false;

    LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options);
}
