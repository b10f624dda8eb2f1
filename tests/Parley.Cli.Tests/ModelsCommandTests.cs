using Parley.Core.Modelling;
using Xunit;

namespace Parley.Cli.Tests;

public class ModelsCommandTests
{
    [Fact]
    public void Every_catalogued_model_is_listed_with_its_citation()
    {
        var r = CliRunner.Run("models");
        Assert.Equal(0, r.ExitCode);
        foreach (var m in ModelCatalog.All)
        {
            Assert.Contains(m.Info.Name, r.Out);
            Assert.False(string.IsNullOrWhiteSpace(m.Info.Citation));
        }
    }

    [Fact]
    public void Unknown_command_line_option_is_a_usage_error()
    {
        var r = CliRunner.Run("run", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-option", r.Err);
    }
}
