using Parley.Application.Analysing;
using Parley.Application.Models;

namespace Parley.Web.Runs;

/// <summary>
/// A forecast or analysis as the API and the UI ask for it (stored with the run). Everything is optional: the latest
/// version, the default models, the scenario's seed, 1,000 draws. What-ifs: <see cref="Without"/> actors,
/// <see cref="Set"/> inputs (<c>ACTOR.ISSUE.salience=V</c>, …, as `parley analyze --set`), declared <see cref="Shocks"/>.
/// </summary>
public sealed record RunRequest
{
    public int? Version { get; init; }
    public IReadOnlyList<string>? Models { get; init; }
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
    public ulong? Seed { get; init; }
    public IReadOnlyList<string>? Issues { get; init; }
    public int? Draws { get; init; }
    public int? Sobol { get; init; }
    public bool? Tornado { get; init; }
    public IReadOnlyList<string>? Without { get; init; }
    public IReadOnlyList<string>? Set { get; init; }
    public IReadOnlyList<string>? Shocks { get; init; }

    /// <summary>A name for the run in lists (default: its what-ifs).</summary>
    public string? Label { get; init; }

    /// <summary>The run a what-if is compared with.</summary>
    public long? BaseRun { get; init; }

    /// <summary>Who asks (used when the server runs without login; otherwise the signed-in name).</summary>
    public string? Author { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasWhatIfs => (Without?.Count ?? 0) + (Set?.Count ?? 0) + (Shocks?.Count ?? 0) > 0;

    public ModelRequest ModelRequest() => new()
    {
        Models = Models ?? [],
        Settings = new Dictionary<string, string>(Settings ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
        Seed = Seed,
        Issues = Issues is { Count: > 0 } ? Issues : null,
    };

    public AnalysisRequest AnalysisRequest(int maxDraws, int threads) => new()
    {
        Models = ModelRequest(),
        Draws = Draws ?? Analysis.MonteCarlo.MonteCarloOptions.DefaultDraws,
        SobolSamples = Sobol ?? 0,
        Tornado = Tornado ?? true,
        Without = Without ?? [],
        Set = Set ?? [],
        Shocks = Shocks ?? [],
        MaxDraws = maxDraws,
        Threads = threads,
    };

    /// <summary>The default label: the what-ifs in words.</summary>
    public string? DefaultLabel() => !HasWhatIfs ? null
        : string.Join("; ", (Without ?? []).Select(a => "without " + a).Concat(Set ?? []).Concat((Shocks ?? []).Select(s => "shock " + s)));
}
