using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

public class ConvertCommandTests
{
    private const string Table = "Actor,Capability,Position,Salience\nNetherlands,0.08,4,80\nBelgium,0.08,7,40\nUK,0.16,10,90\n";

    [Fact]
    public void A_csv_table_converts_to_yaml_that_reads_back_the_same()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-convert-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Table);
        try
        {
            var r = CliRunner.Run("convert", path);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("saliences read as percent", r.Err);
            var back = ScenarioFiles.Parse("converted.yaml", r.Out);
            Assert.True(back.Ok, string.Join("\n", back.Errors));
            var original = ScenarioFiles.Load(path).Value!;
            Assert.Equal(original.Stances, back.Value!.Stances);
            Assert.Equal(original.Actors, back.Value!.Actors);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Json_output_reads_back_as_json()
    {
        var r = CliRunner.Run("convert", Fixtures.Path("toy.yaml"), "--to", "json");
        Assert.Equal(0, r.ExitCode);
        var back = ScenarioFiles.Parse("toy.json", r.Out);
        Assert.True(back.Ok, string.Join("\n", back.Errors));
        Assert.Equal("toy", back.Value!.Id);
    }

    [Fact]
    public void An_invalid_input_gives_located_errors_and_exit_code_2()
    {
        var r = CliRunner.Run("convert", Fixtures.Path("three-mistakes.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(3, r.Err.Split('\n').Count(l => l.Contains(": error: ")));
        Assert.Equal("", r.Out);
    }
}
