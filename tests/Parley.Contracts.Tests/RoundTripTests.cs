using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Analysis;
using Parley.Analysis.MonteCarlo;
using Parley.Backtest;
using Parley.Contracts.V1;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Contracts.Tests;

/// <summary>Every document's DTO survives serialise → deserialise with the source-generated context unchanged.</summary>
public class RoundTripTests
{
    private static Scenario Load(string file) => ScenarioFiles.Load(Fixtures.Path("inputs", file)).ValueOrThrow();

    private static T RoundTrip<T>(T document, JsonTypeInfo<T> info)
    {
        var json = JsonSerializer.Serialize(document, info);
        var back = JsonSerializer.Deserialize(json, info)!;
        Assert.Equivalent(document, back, strict: true);
        Assert.Equal(json, JsonSerializer.Serialize(back, info));
        return back;
    }

    [Fact]
    public void Run_document_round_trips_with_every_model_entry_type()
    {
        var scenario = Load("toy.yaml");
        var results = ModelCatalog.All.Select(m => m.Run(scenario, ModelSettings.Default)).ToArray();
        var back = RoundTrip(RunMapper.Map(scenario, results), ContractJsonContext.Default.RunDocument);
        var models = back.Issues[0].Models;
        Assert.Equal(typeof(ModelEntry), models["compromise"].GetType());
        Assert.IsType<NashEntry>(models["nash"]);
        Assert.IsType<ConsensusEntry>(models["consensus"]);
        Assert.IsType<EumEntry>(models["eum"]);
        Assert.IsType<SmpEntry>(models["smp"]);
        Assert.IsType<ExchangeEntry>(models["exchange"]);
        Assert.NotEmpty(back.Shared!.Smp!.Bargains);
    }

    [Fact]
    public void Analyze_document_round_trips()
    {
        var scenario = Load("full.yaml");
        var models = ModelCatalog.All.Where(m => m.Info.Name is "compromise" or "consensus" or "smp").ToArray();
        var options = new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 20 }, SobolSamples = 4 };
        var back = RoundTrip(AnalyzeMapper.Map(ScenarioAnalysis.Run(scenario, models, options)), ContractJsonContext.Default.AnalyzeDocument);
        var entry = back.Issues[0].Models["consensus"];
        Assert.NotNull(entry.Distribution);
        Assert.NotNull(entry.Tornado);
        Assert.NotNull(entry.Sobol);
        Assert.NotNull(entry.Shocks);
        Assert.NotNull(back.Shared?.Smp);
    }

    [Fact]
    public void Explain_document_round_trips()
    {
        var scenario = Load("ec-emissions.yaml");
        var problem = IssueProblem.From(scenario, scenario.Issues[0]);
        var views = Enumerable.Range(0, problem.Count).Select(i => Perception.For(problem, ModelSettings.Default, i, 1));
        var back = RoundTrip(ExplainMapper.Map(scenario.Id, "eum", views), ContractJsonContext.Default.ExplainDocument);
        Assert.Equal(problem.Count, back.Perceptions.Count);
    }

    [Fact]
    public void Backtest_document_round_trips()
    {
        var data = BacktestDataset.Load(Fixtures.Path("backtest")).ValueOrThrow();
        var report = Backtester.Run(data, Backtester.DefaultPredictors(), data.DefaultCapability);
        var back = RoundTrip(BacktestMapper.Map(report), ContractJsonContext.Default.BacktestDocument);
        Assert.Equal(report.Models.Count, back.Models.Count);
    }

    [Fact]
    public void Models_document_round_trips()
    {
        var back = RoundTrip(ModelsMapper.Map(ModelCatalog.All.Select(m => m.Info)), ContractJsonContext.Default.ModelsDocument);
        Assert.Equal(ModelCatalog.All.Select(m => m.Info.Name), back.Models.Select(m => m.Name));
    }

    [Fact]
    public void Non_finite_numbers_are_the_named_literals_and_read_back()
    {
        var entry = new ModelEntry
        {
            Forecast = double.NaN,
            NearestAnchor = null,
            Distribution = new DistributionDto(10, 1, double.NaN, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
                double.NaN, double.NaN, double.NaN, 10, new Dictionary<string, double>()),
        };
        var document = new RunDocument("s", [new IssueDto("i", "I", new ScaleDto(0, 1, ""), null, new Dictionary<string, ModelEntry> { ["compromise"] = entry })], null);
        var json = JsonSerializer.Serialize(document, ContractJsonContext.Default.RunDocument);
        Assert.Contains("\"forecast\":\"NaN\"", json);
        Assert.Contains("\"p10\":\"Infinity\",\"p90\":\"-Infinity\"", json);
        RoundTrip(document, ContractJsonContext.Default.RunDocument);
    }
}
