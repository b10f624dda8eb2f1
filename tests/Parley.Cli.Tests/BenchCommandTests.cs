using Xunit;

namespace Parley.Cli.Tests;

/// <summary>`parley bench`'s SMP section (the SMP speed targets). Timings are not asserted: the machine is shared.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_with_smp_prints_the_smp_table_with_its_cases()
    {
        var r = CliRunner.Run("bench", "-m", "smp", "--actors", "10", "--budget-ms", "50");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("SMP: speed targets", r.Out);
        Assert.DoesNotMatch(@"[Ii]ssue \d", r.Out);
        foreach (var column in new[] { "case", "actors × dims", "states", "wall", "CPU", "target", "verdict" })
            Assert.Contains(column, r.Out);
        // KTAB's files from ../shared/anchors/ktab, or generated stand-ins of the same size when they are absent
        foreach (var (name, size, target) in new[] { ("a040", "40 × 1", "< 0.27 s"), ("a080", "80 × 1", "< 0.76 s"), ("a160", "160 × 1", "< 3 s") })
        {
            // the table row (the note under the table names the stand-ins too when ../shared is absent)
            var row = r.Out.Split('\n').Single(l => l.StartsWith('│')
                && (l.Contains($"dummyData-{name}", StringComparison.Ordinal) || l.Contains($"{name} (random)", StringComparison.Ordinal)));
            Assert.Contains(size, row);
            Assert.Contains(target, row);
            Assert.True(row.Contains("met", StringComparison.Ordinal) || row.Contains("missed", StringComparison.Ordinal), row);
        }
        Assert.Contains("exclude process start-up", r.Out);
        Assert.Contains("docs/performance.md", r.Out);
        Assert.Contains("--actors 1000", r.Out); // how to time the 1,000 × 3 case
        Assert.DoesNotContain("1000 × 3", r.Out);
        Assert.Contains("│ smp", r.Out); // the Monte Carlo throughput rows at 10 actors
    }

    [Fact]
    public void Bench_without_smp_prints_no_smp_table()
    {
        var r = CliRunner.Run("bench", "-m", "compromise", "--actors", "10", "--budget-ms", "20");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.DoesNotContain("SMP:", r.Out);
        Assert.DoesNotContain("dummyData", r.Out);
    }

    [Fact]
    public void Bench_analyze_row_is_named_and_refused_in_a_debug_build()
    {
        var r = CliRunner.Run("bench", "-m", "compromise", "--actors", "10", "--budget-ms", "20", "--analyze");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("analyze, all 7 models, default draws, bundled scenario", r.Out);
        if (!Commands.AnalyzeBench.IsDebugBuild) return; // a Release test run times the row (tens of seconds): nothing more to check here
        Assert.Contains("not timed: this is a Debug build", r.Out);
        Assert.Contains("parley: warning: this is a Debug build", r.Err);
        Assert.DoesNotContain("analyze, all", CliRunner.Run("bench", "-m", "compromise", "--actors", "10", "--budget-ms", "20").Out);
    }

    [Fact]
    public void Bench_says_when_it_measures_a_debug_build_and_its_help_names_no_issue_numbers()
    {
        var r = CliRunner.Run("bench", "-m", "compromise", "--actors", "10", "--budget-ms", "20");
        Assert.True(r.ExitCode == 0, r.Err);
        bool debug = typeof(ParleyCli).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .Cast<System.Diagnostics.DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled);
        Assert.Equal(debug, r.Err.Contains("warning: this is a Debug build"));
        Assert.Equal(debug, r.Out.Contains("this is a Debug build"));

        var help = CliRunner.Run("bench", "--help");
        Assert.DoesNotMatch(@"[Ii]ssue \d", help.Out);
        Assert.Contains("Release", help.Out);
    }
}
