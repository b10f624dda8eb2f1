using System.Text;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Contracts.Tests;

/// <summary>
/// Pins whole `--json` documents of small inputs, byte for byte (names, order, numbers to the last digit, layout).
/// To regenerate after an intended change: <c>PARLEY_UPDATE_GOLDEN=1 dotnet test tests/Parley.Contracts.Tests
/// --filter GoldenJsonTests</c> (writes tests/Parley.Contracts.Tests/Fixtures/golden/*.json; review the diff, then commit).
/// A missing golden file fails; it is never created otherwise.
/// </summary>
public class GoldenJsonTests
{
    /// <summary>Golden name → the command (a baseline command's name, or the arguments of one without a baseline).</summary>
    private static readonly Dictionary<string, Func<string>> Documents = new()
    {
        ["run-toy"] = () => CliJson.Output("run-toy"),                       // every model, shared.smp
        ["run-decide"] = () => CliJson.Output("run-decide"),                 // exchanges, EUM moves, notes
        ["analyze-toy-sobol"] = () => CliJson.Output("analyze-toy-sobol"),
        ["analyze-full-whatif"] = () => CliJson.Output("analyze-full-whatif"), // shocks, a failed shock, analysis notes
        ["analyze-ktab-smp"] = () => CliJson.Output("analyze-ktab-smp"),     // analyze with shared.smp
        ["explain-ec"] = () => CliJson.Output("explain-ec"),
        ["backtest-folder"] = () => CliJson.Output("backtest-folder"),
        ["models"] = () => CliJson.Run("models", "--json"),
        ["run-whatif-toy"] = WhatIfRun,                                      // the web app's what-if forecast: headline, what_ifs
    };

    /// <summary>The document a what-if forecast is stored as (the web app's; `parley run` has no what-ifs): the toy without its setter.</summary>
    private static string WhatIfRun()
    {
        var scenario = new Application.Scenarios.ScenarioLoader().Load(Fixtures.Path("inputs", "toy.yaml")).Scenario;
        var whatIfs = Application.Analysing.AnalysisService.WhatIfs(scenario, new Application.Analysing.AnalysisRequest { Without = ["setter"] });
        var forecast = new Application.Forecasting.ForecastService().Run(scenario,
            new Application.Models.ModelRequest { Models = ["compromise", "median"] }, whatIfs);
        return Application.Documents.RunDocuments.Forecast(forecast, whatIfs);
    }

    public static TheoryData<string> Names => new(Documents.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Document_matches_its_golden_file(string name)
    {
        var json = Documents[name]().ReplaceLineEndings("\n");
        var golden = Fixtures.Path("golden", name + ".json");
        if (Environment.GetEnvironmentVariable("PARLEY_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(Fixtures.RepoRoot, "tests", "Parley.Contracts.Tests", "Fixtures", "golden", name + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, json);
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, json);
        }
        if (!File.Exists(golden))
            Assert.Fail($"golden file missing: {golden}; run with PARLEY_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public void The_bundled_run_document_is_under_2_MB()
    {
        var bytes = Encoding.UTF8.GetByteCount(CliJson.Output("run-hague"));
        Assert.True(bytes < 2_000_000, $"parley run --json is {bytes:N0} bytes");
    }

    [Fact]
    public void Records_with_only_scalars_are_written_on_one_line()
    {
        var json = CliJson.Output("run-toy");
        Assert.Contains("\n      \"scale\": {\"min\": 0, \"max\": 100, \"unit\": \"points\"},\n", json);
        Assert.Contains("\n        \"compromise\": {\"forecast\": 55, \"nearest_anchor\": \"half\"},\n", json);
        Assert.Contains("\n          \"positions\": {\"a\": [20], \"b\": [40], \"c\": [60], \"setter\": [100]},\n", json);
        Assert.StartsWith("{\n  \"scenario\": \"toy\",\n  \"issues\": [\n    {\n", json);
    }
}
