using System.Text.Json;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Cli.Tests;

public class ExchangeCommandTests
{
    private static readonly string Tiny = Fixtures.Path("tiny-2x2.decide.txt");

    [Fact]
    public void Run_reads_a_decide_file_and_prints_rounds_exchanges_and_externalities()
    {
        var r = CliRunner.Run("run", Tiny, "--model", "exchange");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("exchanges trading this issue", r.Out);
        Assert.Contains("Actor-2, Issue-2, 100.0→80.0", r.Out);
        Assert.Contains("Actor-1, Issue-1, 0.0→100.0", r.Out);
        Assert.Contains("5.0000", r.Out);
        Assert.Contains("utility change on this issue", r.Out);
    }

    [Fact]
    public void Json_carries_rounds_and_exchanges_under_the_model_entry()
    {
        var r = CliRunner.Run("run", Tiny, "--model", "exchange", "--rounds", "2", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var entry = doc.RootElement.GetProperty("issues")[1].GetProperty("models").GetProperty("exchange");
        var rounds = entry.GetProperty("rounds");
        Assert.Equal(2, rounds.GetArrayLength());
        Assert.Equal(1, rounds[0].GetProperty("round").GetInt32());
        Assert.Equal(35.714285714285715, rounds[0].GetProperty("preference_outcome").GetDouble(), 9);
        Assert.Equal(28.571428571428573, rounds[0].GetProperty("voting_outcome").GetDouble(), 9);
        var x = rounds[0].GetProperty("exchanges")[0];
        Assert.Equal("Actor-2", x.GetProperty("actor_i").GetString());
        Assert.Equal(80.0, x.GetProperty("i_to").GetDouble(), 9);
        Assert.Equal(5.0, x.GetProperty("gain").GetDouble(), 9);
        Assert.Equal(rounds[1].GetProperty("voting_outcome").GetDouble(), entry.GetProperty("forecast").GetDouble());
    }
}

public class ExchangeArithmeticCommandTests
{
    private static readonly string Tiny = Fixtures.Path("tiny-2x2.decide.txt");

    [Fact]
    public void Decimal_arithmetic_is_an_option_and_agrees_with_the_default_on_the_tiny_case()
    {
        var plain = CliRunner.Run("run", Tiny, "--model", "exchange", "--json");
        var exact = CliRunner.Run("run", Tiny, "--model", "exchange", "--json", "--option", "arithmetic=decimal");
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, exact.ExitCode);
        using var a = JsonDocument.Parse(plain.Out);
        using var b = JsonDocument.Parse(exact.Out);
        int numbers = AssertSameWithin(a.RootElement.GetProperty("issues"), b.RootElement.GetProperty("issues"), 1e-9);
        Assert.True(numbers > 100, $"{numbers} numbers compared");
    }

    [Fact]
    public void A_scenarios_model_settings_select_the_decimal_arithmetic()
    {
        var hague = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "scenarios", "nato-hague-2025.yaml"));
        var file = TempFiles.Write(".yaml", hague + "\nmodel_settings:\n  exchange: {arithmetic: decimal, rounds: 1}\n");
        try
        {
            var fromFile = CliRunner.Run("run", file, "--model", "exchange", "--json");
            var fromOption = CliRunner.Run("run", file, "--model", "exchange", "--json", "--option", "arithmetic=decimal", "--rounds", "1");
            var fast = CliRunner.Run("run", file, "--model", "exchange", "--json", "--option", "arithmetic=double", "--rounds", "1");
            Assert.Equal(0, fromFile.ExitCode);
            Assert.Contains("using the scenario's settings arithmetic=decimal rounds=1", fromFile.Err);
            Assert.Equal(fromOption.Out, fromFile.Out);
            Assert.NotEqual(fast.Out, fromFile.Out); // last digits differ (and the order after a rounding tie)
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void An_unknown_arithmetic_is_a_usage_error()
    {
        var r = CliRunner.Run("run", Tiny, "--model", "exchange", "--option", "arithmetic=float");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'float' is not one of double, decimal", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    /// <summary>Walks two JSON documents of the same shape; numbers may differ by <paramref name="tolerance"/>.</summary>
    private static int AssertSameWithin(JsonElement a, JsonElement b, double tolerance)
    {
        Assert.Equal(a.ValueKind, b.ValueKind);
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var names = a.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.Equal(names, b.EnumerateObject().Select(p => p.Name).ToArray());
                return names.Sum(n => AssertSameWithin(a.GetProperty(n), b.GetProperty(n), tolerance));
            case JsonValueKind.Array:
                Assert.Equal(a.GetArrayLength(), b.GetArrayLength());
                return a.EnumerateArray().Zip(b.EnumerateArray()).Sum(p => AssertSameWithin(p.First, p.Second, tolerance));
            case JsonValueKind.Number:
                Assert.Equal(a.GetDouble(), b.GetDouble(), tolerance);
                return 1;
            default:
                Assert.Equal(a.ToString(), b.ToString());
                return 0;
        }
    }
}

public class ExchangeHagueTests
{
    [Fact]
    public void On_the_Hague_scenario_the_US_trades_its_Russia_vote_for_allies_spending_votes()
    {
        var r = CliRunner.Run("run", "--model", "exchange", "--rounds", "1", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var exchanges = doc.RootElement.GetProperty("issues").EnumerateArray()
            .SelectMany(i => i.GetProperty("models").GetProperty("exchange").GetProperty("rounds")[0].GetProperty("exchanges").EnumerateArray())
            .ToArray();
        Assert.NotEmpty(exchanges);
        Assert.Contains(exchanges, x =>
            x.GetProperty("actor_j").GetString() == "united-states" && x.GetProperty("j_supplies").GetString() == "russia-threat"
            && x.GetProperty("i_supplies").GetString() == "spending-target");
    }
}
