using System.Text;
using Parley.Cli;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>
/// The limits as the command line shows them: caps on --draws and --sobol that name the cap and how to raise it, the
/// size estimate's warnings and refusals before anything runs, and --set values held to the scenario bounds. Each is an
/// exit code 2 with one `parley: OPTION: …` line, never a stack trace.
/// </summary>
public sealed class LimitCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertOneLineRefusal(CliRunner.Outcome r, string expectedStart)
    {
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("parley: --", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(expectedStart, StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", r.Err);
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("report")]
    public void Draws_beyond_the_cap_are_refused_naming_the_cap_and_how_to_raise_it(string command)
    {
        var r = CliRunner.Run(command, "--draws", "100000000");
        AssertOneLineRefusal(r, "parley: --draws: 100,000,000 is more than the limit of 1,000,000 draws (--max-draws N raises the limit; docs/cli.md, \"Limits\")");
        r = CliRunner.Run(command, "--sobol", "100000000");
        AssertOneLineRefusal(r, "parley: --sobol: 100,000,000 is more than the limit of 100,000 rows (--max-draws N raises the limit");
    }

    [Fact]
    public void Max_draws_sets_the_cap_on_draws_and_sobol_rows()
    {
        AssertOneLineRefusal(CliRunner.Run("analyze", "--max-draws", "5", "--draws", "6"), "parley: --draws: 6 is more than the limit of 5 draws");
        AssertOneLineRefusal(CliRunner.Run("analyze", "--max-draws", "5", "--draws", "5", "--sobol", "6"), "parley: --sobol: 6 is more than the limit of 5 rows");
        AssertOneLineRefusal(CliRunner.Run("analyze", "--max-draws", "0"), "parley: --max-draws: 0 must be at least 1");
        var r = CliRunner.Run("analyze", "-m", "compromise", "--max-draws", "5", "--draws", "5", "--sobol", "4", "--json");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Sobol_rows_that_cannot_fit_in_memory_are_refused_before_anything_runs_unless_the_check_is_off()
    {
        var r = CliRunner.Run("analyze", "-m", "compromise", "--max-draws", "50000000", "--sobol", "50000000");
        AssertOneLineRefusal(r, "parley: --sobol: compromise on 33 actors × 4 issues needs about 155.2 GB of memory, more than the");
        Assert.Contains("--no-size-check to try anyway", r.Err);
        Assert.DoesNotContain("model runs", r.Err); // refused before the plan is announced
    }

    /// <summary>A scenario of <paramref name="actors"/> actors on one issue, positions spread over the scale.</summary>
    private string Large(int actors)
    {
        var yaml = new StringBuilder("scenario: {id: large, title: Large}\nissues:\n  - {id: x, title: X, scale: {min: 0, max: 100}}\nactors:\n");
        for (int i = 0; i < actors; i++)
            yaml.Append(System.FormattableString.Invariant($"  - {{id: a{i}, capability: {1 + i % 7}, positions: {{x: {{position: {i * 97 % 10_000 / 100.0}, salience: 0.5}}}}}}\n"));
        var path = Path.Combine(_dir, $"large-{actors}.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    [Fact]
    public void A_run_certain_not_to_fit_is_refused_and_a_slow_one_is_warned_about_before_it_starts()
    {
        var file = Large(10_000);
        var r = CliRunner.Run("run", file, "-m", "smp");
        AssertOneLineRefusal(r, "parley: --model: smp on 10,000 actors × 1 issue needs about 70.0 GB of memory");

        // with the check off it starts, after a warning with the estimate; a cancelled token stops it at once
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ParleyCli.Run(["run", file, "-m", "smp", "--no-size-check"],
            CliConsole.ForWriters(output, error) with { Cancellation = cancel.Token });
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.StartsWith("parley: warning: smp on 10,000 actors × 1 issue: about ", error.ToString());
        Assert.Contains(" per run (an estimate; Ctrl-C stops it)", error.ToString());
    }

    [Fact]
    public void An_analysis_that_will_take_hours_says_so_before_it_starts()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var error = new StringWriter();
        int code = ParleyCli.Run(["analyze", Large(3_000), "-m", "eum,compromise", "--threads", "2"],
            CliConsole.ForWriters(new StringWriter(), error) with { Cancellation = cancel.Token });
        Assert.Equal(ExitCodes.Cancelled, code);
        var lines = error.ToString().Split('\n');
        // 3,000² pairs streamed ≈ 14 s a run; the point run, 2,000 draws and the tornado's runs, on 2 cores: hours
        Assert.StartsWith("parley: warning: eum on 3,000 actors × 1 issue: about 14 s per run, 2,003 runs planned: about 4 h on 2 cores", lines[0]);
        Assert.DoesNotContain(lines, l => l.Contains("warning: compromise"));
    }

    [Theory]
    [InlineData("united-states.capability=1e300", "parley: --set 'united-states.capability=1e300': capability 1E+300 is above 1e12")]
    [InlineData("united-states.ukraine.salience=1e-300", "parley: --set 'united-states.ukraine.salience=1e-300': salience 1E-300 is below 1e-9")]
    [InlineData("united-states.ukraine.position=1e-320", "parley: --set 'united-states.ukraine.position=1e-320': position 1E-320 is too close to 0")]
    [InlineData("united-states.ukraine.position=NaN", "parley: --set 'united-states.ukraine.position=NaN': value 'NaN' is not a finite number")]
    [InlineData("united-states.ukraine.salience=2", "parley: --set 'united-states.ukraine.salience=2': salience must lie in 0..1")]
    public void A_set_out_of_bounds_is_a_located_usage_error(string set, string expected)
    {
        foreach (var command in new[] { "analyze", "report" })
        {
            var r = CliRunner.Run(command, "-m", "compromise", "--draws", "10", "--set", set);
            Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
            Assert.StartsWith(expected, r.Err);
            Assert.DoesNotContain("Exception", r.Err);
            Assert.DoesNotContain("model runs", r.Err); // refused before the plan is announced
        }
    }
}
