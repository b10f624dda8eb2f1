using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

/// <summary>Text from inputs never reaches the terminal raw: control characters and non-characters are escaped.</summary>
public class TerminalOutputTests
{
    /// <summary>The toy scenario with an issue title carrying an OSC escape, a bell and U+FFFF.</summary>
    private static string ToyWithTitle(string yamlTitle) =>
        File.ReadAllText(Fixtures.Path("toy.yaml")).Replace("title: Budget increase", $"title: \"{yamlTitle}\"");

    [Fact]
    public void A_title_with_a_non_character_and_escape_sequences_renders_escaped()
    {
        var path = TempFiles.Write(".yaml", ToyWithTitle(@"Budget \e]0;pwned\a \uFFFF end"));
        try
        {
            var r = CliRunner.Run("run", path, "-m", "compromise");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains(@"Budget \x1b]0;pwned\x07 \uffff end", r.Out);
            AssertNoRawControl(r.Out + r.Err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Echoed_keys_in_errors_are_escaped()
    {
        var text = File.ReadAllText(Fixtures.Path("toy.yaml")).Replace("budget: {position: 20", "\"bu\\edget\\a\": {position: 20");
        var path = TempFiles.Write(".yaml", text);
        try
        {
            var r = CliRunner.Run("validate", path);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(@"bu\u001bdget\u0007", r.Err); // the reader quotes keys escaped
            AssertNoRawControl(r.Out + r.Err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Echoed_command_line_values_are_escaped()
    {
        var r = CliRunner.Run("run", "--issue", "x\u001b[2J\u0007");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(@"no issue 'x\x1b[2J\x07'", r.Err);
        AssertNoRawControl(r.Err);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped() => Assert.Equal(@"lone\ud800!", TerminalText.Safe("lone" + (char)0xD800 + "!"));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\u001b[2Jb", @"a\x1b[2Jb")]
    [InlineData("c1\u009b", @"c1\x9b")]
    [InlineData("del\u007f", @"del\x7f")]
    [InlineData("cr\rlf\n", "cr\\x0dlf\n")]
    [InlineData("nc\uFDD0 \uFFFE", @"nc\ufdd0 \ufffe")]
    [InlineData("pair \U0001F600 ok", "pair \U0001F600 ok")]
    [InlineData("plane nc \U0001FFFF", @"plane nc \U0001ffff")]
    [InlineData("ls\u2028", @"ls\u2028")]
    public void Safe_escapes_exactly_the_unsafe_characters(string input, string expected) =>
        Assert.Equal(expected, TerminalText.Safe(input));

    private static void AssertNoRawControl(string text)
    {
        foreach (char c in text)
            Assert.False((c < 0x20 && c is not '\n' and not '\r' and not '\t') || c is >= '\u007f' and <= '\u009f' || c == '\uffff',
                $"raw U+{(int)c:X4} in the output");
    }
}
