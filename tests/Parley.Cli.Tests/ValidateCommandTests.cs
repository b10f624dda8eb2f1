using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public void A_valid_file_passes_with_exit_code_0()
    {
        var r = CliRunner.Run("validate", Fixtures.Path("toy.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("ok (4 actors, 1 issues", r.Out);
    }

    [Fact]
    public void A_file_with_three_mistakes_gives_three_located_errors()
    {
        var path = Fixtures.Path("three-mistakes.yaml");
        var r = CliRunner.Run("validate", path);
        Assert.Equal(2, r.ExitCode);
        var errors = r.Err.Split('\n').Where(l => l.Contains(": error: ")).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, e => e.StartsWith($"{path}:10:") && e.Contains("capability"));
        Assert.Contains(errors, e => e.StartsWith($"{path}:16:") && e.Contains("position"));
        Assert.Contains(errors, e => e.StartsWith($"{path}:19:") && e.Contains("grup") && e.Contains("did you mean 'group'"));
    }

    [Fact]
    public void Several_files_are_all_checked()
    {
        var r = CliRunner.Run("validate", Fixtures.Path("toy.yaml"), Fixtures.Path("three-mistakes.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ok (", r.Out);
        Assert.Contains("3 errors", r.Err);
    }
}
