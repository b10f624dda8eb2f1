using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>A model that cannot run on a valid scenario says where: the scenario, the issue and the model.</summary>
public class ModelRefusalTests
{
    [Fact]
    public void Smp_on_all_zero_saliences_refuses_with_its_location()
    {
        var text = File.ReadAllText(Fixtures.Path("toy.yaml")).Replace("salience: 1", "salience: 0");
        var path = TempFiles.Write(".yaml", text);
        try
        {
            var r = CliRunner.Run("run", path, "-m", "smp");
            Assert.Equal(2, r.ExitCode);
            // every salience 0: the SMP refuses before it maps the problem (nothing to bargain over), with its location
            Assert.Contains("parley: error: scenario 'toy', issue 'budget', model 'smp': every salience on issue 'budget' is 0", r.Err);
        }
        finally { File.Delete(path); }
    }
}
