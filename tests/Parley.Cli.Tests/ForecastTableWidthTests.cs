using Xunit;
using Parley.Cli.Rendering;

namespace Parley.Cli.Tests;

/// <summary>`parley run`'s table on the bundled scenario: one line per row at common terminal widths.</summary>
public class ForecastTableWidthTests
{
    private static string[] Run(int width)
    {
        var output = new StringWriter();
        int code = ParleyCli.Run(["run"], CliConsole.ForWriters(output, new StringWriter(), width));
        Assert.Equal(0, code);
        return output.ToString().ReplaceLineEndings("\n").Split('\n');
    }

    /// <summary>The body rows of each table (between the header rule and the bottom border).</summary>
    private static List<List<string>> Bodies(string[] lines)
    {
        var tables = new List<List<string>>();
        List<string>? body = null;
        foreach (var line in lines)
        {
            if (line.StartsWith('├')) tables.Add(body = []);
            else if (line.StartsWith('╰')) body = null;
            else body?.Add(line);
        }
        return tables;
    }

    [Theory]
    [InlineData(120, ForecastTableLayout.FullGauge)]
    [InlineData(80, ForecastTableLayout.MinGauge)]
    public void Each_row_of_the_bundled_run_is_one_line_with_its_gauge(int width, int gauge)
    {
        var lines = Run(width);
        var tables = Bodies(lines);
        Assert.Equal(new Application.Scenarios.ScenarioLoader().Bundled().Scenario.Issues.Count, tables.Count); // a table per issue
        foreach (var line in lines.Where(l => l.Length > 0 && "╭│├╰".Contains(l[0])))
            Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}");
        foreach (var body in tables)
        {
            // the headline, the "models (evidence):" label, then every model: no row continues onto a second line
            Assert.Equal(9, body.Count);
            Assert.All(body, row => Assert.False(string.IsNullOrWhiteSpace(row.Split('│')[1]), $"a continued row: {row}"));
            var gauges = body.Select(row => row.Split('│')[^2].Trim()).Where(g => g.Length > 0).ToArray();
            Assert.Equal(8, gauges.Length);
            Assert.All(gauges, g => Assert.InRange(g.Length, gauge - 1, gauge)); // a wider interval column takes a cell
        }
        // the status-quo marker (┼) stays on the gauge's line, at its end for the Russia issue (status quo 100)
        Assert.Contains(tables[0], row => row.Contains("│ compromise ") && row.TrimEnd().EndsWith("┼ │", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gauge_narrows_before_the_anchor_labels_vanish_and_goes_last()
    {
        int[] others = [18, 8, 12]; // model, forecast, 80% interval
        Assert.Equal(new ForecastTableLayout(42, 24), ForecastTableLayout.For(120, others, 57));
        Assert.Equal(new ForecastTableLayout(22, 24), ForecastTableLayout.For(100, others, 57));
        Assert.Equal(new ForecastTableLayout(20, 16), ForecastTableLayout.For(90, others, 57));
        Assert.Equal(new ForecastTableLayout(14, 12), ForecastTableLayout.For(80, others, 57));
        Assert.Equal(new ForecastTableLayout(14, 24), ForecastTableLayout.For(200, others, 14)); // short labels stay whole
        Assert.Equal(new ForecastTableLayout(14, 11), ForecastTableLayout.For(80, [18, 8, 13], 57)); // below its header's width
        Assert.Equal("scale", ForecastTableLayout.For(80, [18, 8, 13], 57).GaugeHeader);
        var narrow = ForecastTableLayout.For(70, others, 57);
        Assert.False(narrow.ShowGauge);
        Assert.Equal(19, narrow.AnchorWidth); // the gauge's room goes to the labels
        Assert.Equal("≈ a lon…", new ForecastTableLayout(8, 0).Fit("≈ a long-term threat"));
        Assert.Equal("≈ half", new ForecastTableLayout(8, 0).Fit("≈ half"));
    }
}
