using Parley.Reports.Charts;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>
/// Pins the SVG of every chart for the small scenario. To regenerate after an intended change:
/// <c>PARLEY_UPDATE_GOLDEN=1 dotnet test tests/Parley.Analysis.Tests --filter GoldenSvgTests</c>
/// (writes tests/Parley.Analysis.Tests/Fixtures/golden/*.svg; review the diff, then commit).
/// </summary>
public class GoldenSvgTests
{
    private static readonly Lazy<AnalysisResult> Result = new(ReportFixture.Small);

    private static readonly string[] Names = ["scale-spend", "histogram-spend-compromise", "tornado-spend-compromise",
        "trajectory-spend-drift", "actor-map-spend", "histogram-threat-median"];

    public static TheoryData<string> Charts => new(Names);

    [Theory]
    [MemberData(nameof(Charts))]
    public void Chart_svg_matches_its_golden_file(string name)
    {
        var svg = Render(name);
        var golden = Fixtures.Path("golden", name + ".svg");
        if (Environment.GetEnvironmentVariable("PARLEY_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(Fixtures.RepoRoot, "tests", "Parley.Analysis.Tests", "Fixtures", "golden", name + ".svg");
            File.WriteAllText(source, svg);
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, svg);
        }
        if (!File.Exists(golden))
            Assert.Fail($"golden file missing: {golden}; run with PARLEY_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), svg.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Every_chart_is_well_formed_xml()
    {
        foreach (var name in Names)
        {
            var doc = System.Xml.Linq.XDocument.Parse(Render(name));
            Assert.Equal("svg", doc.Root!.Name.LocalName);
        }
    }

    internal static string Render(string name)
    {
        var r = Result.Value;
        var s = r.Scenario;
        var spend = s.Issue(TestScenarios.Spend);
        var threat = s.Issue(TestScenarios.Threat);
        var compromise = r.Models.Single(m => m.Name == "compromise");
        var median = r.Models.Single(m => m.Name == "median");
        var drift = r.Models.Single(m => m.Name == "drift");
        var colours = IssueCharts.GroupColours(s);
        return name switch
        {
            "scale-spend" => IssueCharts.Scale(spend, r.Models.Select((m, k) =>
            {
                var d = m.Distribution!.For(spend.Id)!;
                return new ModelMark(m.Name, m.Point!.For(spend.Id)!.Forecast, d.P10, d.P90, Reports.Svg.Palette.At(k));
            }).ToArray()),
            "histogram-spend-compromise" => IssueCharts.Histogram(spend, compromise.Distribution!.For(spend.Id)!, "compromise", "#0072B2"),
            "histogram-threat-median" => IssueCharts.Histogram(threat, median.Distribution!.For(threat.Id)!, "median", "#D55E00"),
            "tornado-spend-compromise" => IssueCharts.Tornado(spend, compromise.TornadoFor(spend.Id)!, "compromise"),
            "trajectory-spend-drift" => IssueCharts.Trajectory(spend,
                ((Core.Models.IHasTrajectory)drift.Point!.For(spend.Id)!).Trajectory, "drift", s, colours),
            "actor-map-spend" => IssueCharts.ActorMap(s, spend, colours),
            _ => throw new ArgumentException(name),
        };
    }
}
