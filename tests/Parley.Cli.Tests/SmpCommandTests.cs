using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

public sealed class SmpCommandTests
{
    private static string Ktab => Fixtures.Path("ktab", "SOE-Pol-Comp.csv");

    [Fact]
    public void Run_smp_on_a_ktab_csv_shows_forecasts_states_and_bargains()
    {
        var r = CliRunner.Run("run", Ktab, "--model", "smp");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("smp", r.Out);
        Assert.Contains("28 states", r.Out);
        Assert.Contains("modal outcome", r.Out);
        Assert.Contains("bargains, round 1", r.Out);
        Assert.Contains("XJ", r.Out);
    }

    [Fact]
    public void Smp_options_are_passed_and_checked()
    {
        Assert.Equal(0, CliRunner.Run("run", Ktab, "--model", "smp", "--option", "stm=stochastic", "--seed", "3").ExitCode);
        var bad = CliRunner.Run("run", Ktab, "--model", "smp", "--option", "voting=majority");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("voting", bad.Err);
    }

    [Fact]
    public void A_converted_ktab_file_gives_the_same_smp_forecast()
    {
        var yaml = Path.Combine(Path.GetTempPath(), $"parley-smp-{Guid.NewGuid():N}.yaml");
        try
        {
            Assert.Equal(0, CliRunner.Run("convert", Ktab, "-o", yaml).ExitCode);
            var a = CliRunner.Run("run", Ktab, "--model", "smp");
            var b = CliRunner.Run("run", yaml, "--model", "smp");
            Assert.Equal(0, b.ExitCode);
            static string Rows(string s) => string.Join("\n", s.Split('\n').Where(l => l.Contains("│ smp")));
            Assert.Equal(Rows(a.Out), Rows(b.Out));
            Assert.NotEmpty(Rows(a.Out));
        }
        finally
        {
            File.Delete(yaml);
        }
    }
}
