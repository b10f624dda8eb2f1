using Xunit;

namespace Parley.Cli.Tests;

/// <summary>Command-line mistakes: one clear message each, in plain words, exit 2.</summary>
public class UsageErrorTests
{
    private const string Table = "actor,capability,position,salience\na,1,10,0.5\nb,2,80,0.7\n";

    [Fact]
    public void Validate_takes_scale_as_an_option_not_as_a_file()
    {
        var csv = TempFiles.Write(".csv", Table);
        try
        {
            var r = CliRunner.Run("validate", csv, "--scale", "0:100");
            Assert.Equal(0, r.ExitCode);
            Assert.DoesNotContain("file not found", r.Err);
            Assert.Contains(": ok (2 actors", r.Out);
        }
        finally { File.Delete(csv); }
    }

    [Fact]
    public void An_unknown_option_after_files_is_named_as_an_unknown_option()
    {
        var csv = TempFiles.Write(".csv", Table);
        try
        {
            var r = CliRunner.Run("validate", csv, "--bogus");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("parley: unknown option '--bogus' for 'parley validate'", r.Err);
            Assert.DoesNotContain("file not found", r.Err);
        }
        finally { File.Delete(csv); }
    }

    [Theory]
    [InlineData("--seed", "abc", "--seed: 'abc' is not a whole number ≥ 0")]
    [InlineData("--rounds", "x", "--rounds: 'x' is not a whole number (at most 2147483647)")]
    public void A_bad_option_value_is_described_without_dotnet_type_names(string option, string value, string expected)
    {
        var r = CliRunner.Run("run", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"parley: {expected}", r.Err.Trim());
        Assert.DoesNotContain("System.", r.Err);
    }

    [Fact]
    public void An_unknown_command_gets_one_error_listing_the_commands()
    {
        var r = CliRunner.Run("frob");
        Assert.Equal(2, r.ExitCode);
        var lines = r.Err.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("parley: unknown command 'frob' (commands: run, validate, models,", lines[0]);
        Assert.DoesNotContain("Required command", r.Err);
    }

    [Fact]
    public void No_command_says_so_once()
    {
        var r = CliRunner.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Contains("no command given (commands: run,", r.Err);
    }
}
