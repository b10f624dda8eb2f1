using BenchmarkDotNet.Attributes;
using Parley.Analysis.Benchmarking;
using Parley.Analysis.Inputs;
using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Benchmarks;

/// <summary>
/// The hot loops: one forecast of each catalogued model (the fast path Monte Carlo calls) at 10, 32, 100 and 1,000
/// actors, and a batch of 10,000 Monte Carlo draws (single-threaded and on every core). New models in
/// <see cref="ModelCatalog.All"/> are picked up automatically. Models that declare a "rounds" setting run 10 rounds.
/// </summary>
[MemoryDiagnoser]
public class ForecastBenchmarks
{
    private IssueProblem _problem = null!;
    private IModel _model = null!;
    private ModelSettings _settings = null!;
    private Scenario _scenario = null!;

    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "compromise";

    [Params(10, 32, 100, 1000)]
    public int Actors { get; set; }

    public static IEnumerable<string> ModelNames => ModelCatalog.All.Select(m => m.Info.Name);

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelCatalog.Find(Model)!;
        _scenario = SyntheticScenario.Create(Actors);
        _settings = _model.Info.Parameters.Any(p => p.Name == "rounds") ? ModelSettings.Default.With("rounds", "10") : ModelSettings.Default;
        _problem = IssueProblem.From(_scenario, _scenario.Issues[0]);
    }

    [Benchmark(Description = "one forecast")]
    public double Forecast() => _model is IIssueModel m && !_model.Info.IsMultiIssue
        ? m.Forecast(_problem, _settings)
        : _model.Run(_scenario, _settings).Issues[0].Forecast;

    [Benchmark(Description = "10,000 MC draws, 1 thread", OperationsPerInvoke = 10_000)]
    public double[][] DrawsSingleThread() => Draws(1);

    [Benchmark(Description = "10,000 MC draws, all cores", OperationsPerInvoke = 10_000)]
    public double[][] DrawsAllCores() => Draws(0);

    private double[][] Draws(int threads) => MonteCarloRunner.Outcomes(new InputSpace(_scenario), _scenario.Issues, _model, _settings,
        new MonteCarloOptions { Draws = 10_000, Threads = threads, Seed = 1 });
}
