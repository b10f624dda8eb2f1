using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Domain;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Exchange;
using Parley.Core.Models;
using Xunit;

namespace Parley.Core.Tests.Models.Exchange;

public class ExchangeInvariantTests
{
    private static readonly EqualGainExchangeModel Model = new();

    /// <summary>Random scenarios: 2–6 actors, 2–4 issues on random scales, saliences 0.05–1, capabilities 0.1–1.</summary>
    private static Gen<Scenario> Scenarios =>
        from n in Gen.Choose(2, 6)
        from m in Gen.Choose(2, 4)
        from caps in Gen.Choose(1, 10).ArrayOf(n)
        from mins in Gen.Choose(-50, 50).ArrayOf(m)
        from widths in Gen.Choose(1, 200).ArrayOf(m)
        from pos in Gen.Choose(0, 100).ArrayOf(n * m)
        from sal in Gen.Choose(1, 20).ArrayOf(n * m)
        select ExchangeTestScenarios.Build(
            Enumerable.Range(0, n).Select(a => ($"a{a}", caps[a] / 10.0)).ToArray(),
            Enumerable.Range(0, m).Select(k => ($"i{k}", (double)mins[k], (double)mins[k] + widths[k])).ToArray(),
            (from a in Enumerable.Range(0, n)
             from k in Enumerable.Range(0, m)
             select ($"a{a}", $"i{k}", mins[k] + widths[k] * pos[a * m + k] / 100.0, sal[a * m + k] / 20.0)).ToArray());

    private static ModelSettings Rounds(int r) => ModelSettings.Default.With("rounds", r.ToString());

    [Fact]
    public void An_exchange_never_lowers_either_partners_utility_and_gives_both_the_same_gain()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var result = Model.Run(scenario, Rounds(3));
            foreach (ExchangeIssueResult ir in result.Issues)
            for (int r = 0; r < ir.Rounds.Count; r++)
            foreach (var x in ir.Rounds[r].Exchanges)
            {
                // Recompute from the record: each supplier's move shifts its issue's outcome by c·s·|Δ|/Σcs (0–100 scale).
                double dq = Shift(scenario, x.ActorI, x.ISupplies, x.IFrom, x.ITo);
                double dp = Shift(scenario, x.ActorJ, x.JSupplies, x.JFrom, x.JTo);
                double gainI = Sal(scenario, x.ActorI, x.JSupplies) * dp - Sal(scenario, x.ActorI, x.ISupplies) * dq;
                double gainJ = Sal(scenario, x.ActorJ, x.ISupplies) * dq - Sal(scenario, x.ActorJ, x.JSupplies) * dp;
                Assert.True(gainI > 0 && gainJ > 0, $"round {r + 1}: gains {gainI}, {gainJ} for {x}");
                Assert.Equal(x.Gain, gainI, 1e-7);
                Assert.Equal(x.Gain, gainJ, 1e-7);
                // Each moves toward the partner's preference at the start of the round.
                var before = (ExchangeIssueResult)result.For(new IssueId(x.ISupplies))!;
                double partner = before.Trajectory[r].Positions[x.ActorJ];
                Assert.True(Math.Sign(x.ITo - x.IFrom) == Math.Sign(partner - x.IFrom), $"{x}: i moves away from j ({partner})");
            }
        }).QuickCheckThrowOnFailure();
    }

    private static double Sal(Scenario s, string actor, string issue) => s.StanceOf(new ActorId(actor), new IssueId(issue))!.Salience;

    private static double Shift(Scenario s, string actor, string issue, double from, double to)
    {
        var iss = s.Issue(new IssueId(issue));
        double w = s.StancesOn(iss.Id).Sum(st => st.Salience * s.Actor(st.Actor).Capability);
        double cs = Sal(s, actor, issue) * s.Actor(new ActorId(actor)).Capability;
        return cs * Math.Abs(iss.Scale.ToPercent(to) - iss.Scale.ToPercent(from)) / w;
    }

    [Fact]
    public void Positions_and_outcomes_stay_within_each_issues_scale()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            foreach (ExchangeIssueResult ir in Model.Run(scenario, Rounds(4)).Issues)
            {
                var scale = scenario.Issue(ir.Issue).Scale;
                Assert.True(scale.Contains(ir.Forecast));
                foreach (var r in ir.Rounds)
                {
                    Assert.True(scale.Contains(r.PreferenceOutcome) && scale.Contains(r.VotingOutcome));
                    foreach (var x in r.Exchanges)
                    {
                        var si = scenario.Issue(new IssueId(x.ISupplies)).Scale;
                        var sj = scenario.Issue(new IssueId(x.JSupplies)).Scale;
                        Assert.True(si.Contains(x.ITo) && sj.Contains(x.JTo));
                    }
                }
                Assert.All(ir.Trajectory, p => Assert.All(p.Positions.Values, v => Assert.True(scale.Contains(v))));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_scenario_with_one_issue_has_no_exchanges_and_forecasts_the_weighted_mean()
    {
        var s = ExchangeTestScenarios.Build([("a", 1), ("b", 0.5), ("c", 0.2)], [("only", 0, 10)],
            [("a", "only", 2, 0.9), ("b", "only", 8, 0.4), ("c", "only", 5, 1.0)]);
        var r = (ExchangeIssueResult)Model.Run(s, ModelSettings.Default).Issues.Single();
        Assert.All(r.Rounds, round => Assert.Empty(round.Exchanges));
        Assert.Equal(CompromiseModel.WeightedMean([2, 8, 5], [1, 0.5, 0.2], [0.9, 0.4, 1.0]), r.Forecast, 12);
        Assert.NotNull(r.Notes);
    }

    [Fact]
    public void Renaming_actors_or_scaling_all_capabilities_changes_nothing()
    {
        var baseRun = Model.Run(ExchangeTestScenarios.Tiny(), ModelSettings.Default);
        var renamed = Model.Run(ExchangeTestScenarios.Tiny(name1: "Zed", name2: "Alpha"), ModelSettings.Default);
        var scaled = Model.Run(ExchangeTestScenarios.Tiny(3, 3), ModelSettings.Default);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(baseRun.Issues[k].Forecast, renamed.Issues[k].Forecast, 12);
            Assert.Equal(baseRun.Issues[k].Forecast, scaled.Issues[k].Forecast, 9);
        }
    }

    [Fact]
    public void Actors_on_the_same_side_of_both_outcomes_do_not_trade()
    {
        var s = ExchangeTestScenarios.Build([("a", 1), ("b", 1), ("c", 1)], [("p", 0, 100), ("q", 0, 100)],
            [("a", "p", 0, 0.9), ("a", "q", 0, 0.2), ("b", "p", 10, 0.2), ("b", "q", 10, 0.9), ("c", "p", 100, 0.5), ("c", "q", 100, 0.5)]);
        var r = Model.Run(s, Rounds(1));
        var trades = r.Issues.SelectMany(i => ((ExchangeIssueResult)i).Rounds[0].Exchanges).ToArray();
        Assert.NotEmpty(trades);
        Assert.DoesNotContain(trades, x => (x.ActorI, x.ActorJ) is ("a", "b") or ("b", "a"));
    }

    /// <summary>Two identical actors on each side: their exchanges tie on gain.</summary>
    private static Scenario Symmetric() => ExchangeTestScenarios.Build(
        [("l1", 1), ("l2", 1), ("r1", 1), ("r2", 1)], [("p", 0, 100), ("q", 0, 100)],
        [
            ("l1", "p", 0, 0.2), ("l1", "q", 0, 0.8), ("l2", "p", 0, 0.2), ("l2", "q", 0, 0.8),
            ("r1", "p", 100, 0.7), ("r1", "q", 100, 0.3), ("r2", "p", 100, 0.7), ("r2", "q", 100, 0.3),
        ]);

    [Fact]
    public void Deterministic_ties_take_actors_in_input_order_and_random_ties_depend_only_on_the_seed()
    {
        var det = (ExchangeIssueResult)Model.Run(Symmetric(), Rounds(1)).Issues[0];
        var first = det.Rounds[0].Exchanges[0];
        Assert.Equal(("r1", "l1"), (first.ActorI, first.ActorJ));

        string Trace(ulong seed) => JsonSerializer.Serialize(Model.Run(Symmetric(),
            Rounds(3).With("ties", "random") with { Seed = seed }).Issues.Cast<ExchangeIssueResult>().Select(i => i.Rounds));
        Assert.Equal(Trace(7), Trace(7));
        var firsts = Enumerable.Range(0, 12).Select(s => ((ExchangeIssueResult)Model.Run(Symmetric(),
            Rounds(1).With("ties", "random") with { Seed = (ulong)s }).Issues[0]).Rounds[0].Exchanges[0])
            .Select(x => (x.ActorI, x.ActorJ)).Distinct().Count();
        Assert.True(firsts > 1, "a random tie-break should not always pick the same exchange");
    }

    [Fact]
    public void Unknown_settings_are_rejected()
    {
        Assert.Throws<ModelSettingException>(() => Model.Run(ExchangeTestScenarios.Tiny(), ModelSettings.Default.With("p", "0.5")));
        Assert.Throws<ModelSettingException>(() => Model.Run(ExchangeTestScenarios.Tiny(), ModelSettings.Default.With("ties", "coin")));
    }

    [Fact]
    public void A_run_converges_when_its_last_round_finds_no_exchange_and_otherwise_stops_at_the_round_cap()
    {
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var issues = Model.Run(scenario, Rounds(6)).Issues.Cast<ExchangeIssueResult>().ToArray();
            var rounds = issues[0].Rounds;
            bool Quiet(int r) => issues.All(ir => ir.Rounds[r].Exchanges.Count == 0);
            foreach (var ir in issues)
            {
                var c = ir.Convergence!;
                if (!Quiet(rounds.Count - 1))
                {
                    Assert.Equal(new Convergence(ConvergenceStatus.RoundCap, 6), c);
                    continue;
                }
                Assert.Equal(ConvergenceStatus.Converged, c.Status);
                // the first round of the final stretch without exchanges
                Assert.True(Quiet(c.Rounds - 1));
                Assert.True(c.Rounds == 1 || !Quiet(c.Rounds - 2), $"converged at {c.Rounds}");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_tiny_case_is_still_trading_at_its_cap_and_a_single_issue_converges_at_once()
    {
        var tiny = Model.Run(ExchangeTestScenarios.Tiny(), Rounds(2)).Issues[0];
        Assert.Equal(new Convergence(ConvergenceStatus.RoundCap, 2), tiny.Convergence);
        var one = ExchangeTestScenarios.Build([("a", 1), ("b", 1)], [("i", 0, 100)], [("a", "i", 0, 0.5), ("b", "i", 100, 0.5)]);
        Assert.Equal(new Convergence(ConvergenceStatus.Converged, 1), Model.Run(one, Rounds(5)).Issues[0].Convergence);
    }

    [Fact]
    public void Sizing_the_candidates_on_every_core_gives_the_single_thread_result_bit_for_bit()
    {
        var scenario = ExchangeTestScenarios.Build(
            Enumerable.Range(0, 60).Select(a => ($"a{a}", 1 + a % 7 / 3.0)).ToArray(),
            [("p", 0, 100), ("q", 0, 100), ("r", 0, 100), ("s", 0, 100)],
            (from a in Enumerable.Range(0, 60)
             from k in new[] { "p", "q", "r", "s" }
             select ($"a{a}", k, (a * 37 + k[0] * 11) % 101 * 1.0, 0.1 + (a * 13 + k[0]) % 9 / 10.0)).ToArray());
        string Run() => JsonSerializer.Serialize(Model.Run(scenario, Rounds(4)).Issues.Cast<ExchangeIssueResult>()
            .Select(ir => new { ir.Forecast, Exchanges = ir.Rounds.SelectMany(r => r.Exchanges).ToArray(), ir.Externalities }));
        int threshold = FastExchangeRound.ParallelFormation;
        string single = Run();
        try
        {
            FastExchangeRound.ParallelFormation = 1;
            Assert.Equal(single, Run());
        }
        finally
        {
            FastExchangeRound.ParallelFormation = threshold;
        }
        Assert.Contains("\"Gain\"", single);
    }
}

public class ExchangeShockTests
{
    [Fact]
    public void An_actor_that_leaves_at_round_three_trades_no_more()
    {
        var settings = ModelSettings.Default with
        {
            Interventions = [new Intervention(3, new ActorId("Actor-1"), InterventionKind.Remove)],
        };
        var r = (ExchangeIssueResult)new EqualGainExchangeModel().Run(ExchangeTestScenarios.Tiny(), settings).Issues[1];
        Assert.Single(r.Rounds[1].Exchanges);
        Assert.Empty(r.Rounds[2].Exchanges);
        Assert.Equal(90.76, r.Rounds[2].VotingOutcome, 9); // only Actor-2 is left, at its preference after round 2
        Assert.Contains(r.Notes!, n => n.Contains("shocks", StringComparison.Ordinal));
    }
}
