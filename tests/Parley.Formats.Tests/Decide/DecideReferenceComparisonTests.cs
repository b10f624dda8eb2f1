using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Models.Exchange;
using Parley.Core.Models;
using Parley.Formats;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Formats.Tests.Decide;

/// <summary>
/// Full comparison with decide's own output (../shared/anchors/exchange, skipped when absent): every round's
/// outcomes and every executed exchange, in order, deterministic ties. decide is matched bit for bit by the decimal
/// arithmetic (<c>arithmetic=decimal</c>); the default double arithmetic is compared with it in ExchangeArithmeticTests.
/// </summary>
public class DecideReferenceComparisonTests
{
    internal static (Scenario Scenario, ScenarioResult Result) RunReference(string input)
    {
        var scenario = ScenarioFiles.Load(input).ValueOrThrow();
        var result = new EqualGainExchangeModel().Run(scenario, ModelSettings.Default.With("arithmetic", "decimal"));
        return (scenario, result);
    }

    [Theory]
    [InlineData("sample_data.txt", "sample_data_mds_by_round.csv")]
    [InlineData("tiny-2x2.txt", "tiny_2x2_unit_mds_by_round.csv")]
    public void Outcomes_by_round_match_decide_to_1e6(string input, string reference)
    {
        var (scenario, result) = RunReference(SharedAnchors.RequireFile("exchange/" + input));
        var rows = File.ReadAllLines(SharedAnchors.RequireFile("exchange/" + reference));
        var header = rows[0].Split(',');
        foreach (var row in rows.Skip(1).Where(r => !r.StartsWith("final", StringComparison.Ordinal)))
        {
            var f = row.Split(',');
            int round = int.Parse(f[0], CultureInfo.InvariantCulture);
            for (int c = 2; c < header.Length; c++)
            {
                var parts = header[c].Split(':');
                var issue = scenario.Issue(new IssueId(parts[1]));
                var r = (ExchangeIssueResult)result.For(issue.Id)!;
                var rr = r.Rounds[round - 1];
                double actual = parts[0].StartsWith("pref", StringComparison.Ordinal) ? rr.PreferenceOutcome : rr.VotingOutcome;
                double expected = issue.Scale.FromPercent(double.Parse(f[c], CultureInfo.InvariantCulture));
                Assert.True(Math.Abs(actual - expected) <= 1e-6 * issue.Scale.Width / 100,
                    $"round {round} {header[c]}: expected {expected}, got {actual}");
            }
        }
    }

    [Theory]
    [InlineData("sample_data.txt", "sample_data_exchanges.csv")]
    [InlineData("tiny-2x2.txt", "tiny_2x2_unit_exchanges.csv")]
    public void Executed_exchanges_match_decide_in_order(string input, string reference)
    {
        var (scenario, result) = RunReference(SharedAnchors.RequireFile("exchange/" + input));
        var expected = File.ReadAllLines(SharedAnchors.RequireFile("exchange/" + reference)).Skip(1)
            .Select(l => l.Split(',')).ToArray();
        var actual = AllExchanges(scenario, result);
        Assert.Equal(expected.Length, actual.Count);
        for (int k = 0; k < expected.Length; k++)
        {
            var e = expected[k];
            var (round, x) = actual[k];
            string where = $"exchange {k + 1} (round {e[0]}, order {e[1]})";
            Assert.Equal(int.Parse(e[0], CultureInfo.InvariantCulture), round);
            Assert.Equal(int.Parse(e[1], CultureInfo.InvariantCulture), x.Order);
            Assert.True(Math.Abs(double.Parse(e[2], CultureInfo.InvariantCulture) - x.Gain) < 1e-6, $"{where}: gain {e[2]} vs {x.Gain}");
            Assert.Equal((e[3], e[4], e[7], e[8]), (x.ActorI, x.ISupplies, x.ActorJ, x.JSupplies));
            Near(scenario, e[4], e[5], x.IFrom, where);
            Near(scenario, e[4], e[6], x.ITo, where);
            Near(scenario, e[8], e[9], x.JFrom, where);
            Near(scenario, e[8], e[10], x.JTo, where);
        }
    }

    private static void Near(Scenario scenario, string issue, string percent, double actual, string where)
    {
        var scale = scenario.Issue(new IssueId(issue)).Scale;
        double expected = scale.FromPercent(double.Parse(percent, CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * scale.Width / 100, $"{where} on {issue}: expected {expected}, got {actual}");
    }

    /// <summary>Every executed exchange in order (each is listed under both its issues; keep it once).</summary>
    internal static List<(int Round, ExchangeRecord Exchange)> AllExchanges(Scenario scenario, ScenarioResult result)
    {
        var list = new List<(int, ExchangeRecord)>();
        var first = (ExchangeIssueResult)result.Issues[0];
        for (int r = 0; r < first.Rounds.Count; r++)
        {
            var seen = new SortedDictionary<int, ExchangeRecord>();
            foreach (ExchangeIssueResult ir in result.Issues)
                foreach (var x in ir.Rounds[r].Exchanges)
                    seen[x.Order] = x;
            list.AddRange(seen.Values.Select(x => (r + 1, x)));
        }
        return list;
    }
}
