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
