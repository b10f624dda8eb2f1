using FsCheck;
using FsCheck.Fluent;
using Parley.Backtest;
using Parley.Core.Domain;
using Parley.Formats.Deu;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Backtest.Tests;

public sealed class BacktesterTests
{
    private static BacktestDataset Mini() => BacktestDataset.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();

    [Fact]
    public void Issues_without_outcome_or_with_fewer_than_3_actors_are_skipped_and_counted()
    {
        var d = Mini();
        Assert.Equal(["d01001i1", "d01001i2", "n05002i1", "d16003i1"], d.Cases.Select(c => c.Id));
        Assert.Equal([("n05002i2", "no outcome"), ("d16003i2", "fewer than 3 positioned actors (2)")],
            d.Skipped.Select(s => (s.Id, s.Reason)));
        // the case's scenario is its whole proposal
        Assert.Same(d.Cases[0].Scenario, d.Cases[1].Scenario);
        Assert.Equal(2, d.Cases[0].Scenario.Issues.Count);
    }

    [Fact]
    public void Compromise_errors_on_the_fixture_are_hand_computable()
    {
        // d01001i1: weights com .9, ep .7, de .5, fr 0, nl .3 → (90+56+0+30)/2.4 = 73.333; outcome 60 → 13.333
        // d01001i2: (0·.8 + 20·.6 + 100·.4 + 40·.2)/2.0 = 30; outcome 25 → 5
        // n05002i1: equal saliences → mean of 50,0,50,100,0,100,50 = 50; outcome 50 → 0
        // d16003i1: (70·.5 + 90·.5 + 10·1)/2 = 45; outcome 80 → 35
        var r = Backtester.Run(Mini(), [Backtester.Find("compromise")!], CapabilityConvention.Equal);
        var errors = r.Errors.Select(e => e.AbsError).ToArray();
        Assert.Equal([13.333333, 5, 0, 35], errors.Select(e => Math.Round(e, 6)));
        var s = r.Models.Single().Errors;
        Assert.Equal((13.333333333 + 5 + 0 + 35) / 4, s.Mae, 6);
        Assert.Equal((5 + 13.333333333) / 2, s.MedianAe, 6);
        Assert.Equal(0.5, s.Within10);
        Assert.Equal(Math.Sqrt((13.333333333 * 13.333333333 + 25 + 0 + 35 * 35) / 4), s.Rmse, 6);
    }

    [Fact]
    public void Council_convention_weighs_by_the_regime_at_the_decision_date()
    {
        var d = Mini();
        var council = CapabilityConvention.Council();
        var pre = council.Apply(d.Cases[0]);           // 2002: pre-Nice, largest member 10
        Assert.Equal(10, pre.Actor(new ActorId("de")).Capability);
        Assert.Equal(5, pre.Actor(new ActorId("nl")).Capability);
        Assert.Equal(10, pre.Actor(new ActorId("com")).Capability);
        Assert.Equal(10, pre.Actor(new ActorId("ep")).Capability);
        var nice = council.Apply(d.Cases[2]);          // 2006: Nice EU-25
        Assert.Equal(27, nice.Actor(new ActorId("pl")).Capability);
        Assert.Equal(12, nice.Actor(new ActorId("cz")).Capability);
        Assert.Equal(29, nice.Actor(new ActorId("com")).Capability);
        var mean = CapabilityConvention.Council(InstitutionWeight.Mean).Apply(d.Cases[2]);
        Assert.Equal(321.0 / 25, mean.Actor(new ActorId("com")).Capability, 9);
        var lisbon = council.Apply(d.Cases[3]);        // 2017 (final act missing: introduction + median lag)
        var regime = EuCouncil.RegimeAt(d.Cases[3].DecisionDate!.Value)!;
        Assert.True(regime.DoubleMajority);
        Assert.Equal(regime.Capability("pl")!.Value, lisbon.Actor(new ActorId("pl")).Capability, 12);
        Assert.Equal(regime.Capability("de")!.Value, lisbon.Actor(new ActorId("com")).Capability, 12);
    }

    [Fact]
    public void A_state_that_is_not_a_member_at_the_decision_date_makes_the_case_skipped_under_council()
    {
        var deu = DeuReader.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();
        var early = deu with { Issues = [deu.Issues[2] with { FinalAct = new DateOnly(2001, 1, 1) }] }; // pl, cz not yet members
        var data = BacktestDataset.FromDeu("early", early);
        var r = Backtester.Run(data, [Backtester.Find("compromise")!], CapabilityConvention.Council());
        Assert.Equal(0, r.Cases);
        Assert.Contains("not a member state under pre-Nice", r.SkippedCases.Single().Reason);
    }

    [Fact]
    public void A_capability_table_is_read_with_located_errors()
    {
        Assert.True(TableConvention.Read("t.csv", "actor,capability\ncom,2\nde,1.5\n").Ok);
        var bad = TableConvention.Read("t.csv", "actor,capability\ncom,x\nde,-1\nde,2\nfr\nit,1e300\nnl,4.9e-324\n");
        Assert.Equal(["t.csv:2:5: error: capability: 'x' is not a number (a number from 1e-9 to 1e12)",
                      "t.csv:3:4: error: capability: -1 is not > 0 (a number from 1e-9 to 1e12)",
                      "t.csv:5:1: error: row: 1 fields (actor,capability)",
                      "t.csv:6:4: error: capability: 1E+300 is above 1e12, the largest value accepted (a number from 1e-9 to 1e12)",
                      "t.csv:7:4: error: capability: 5E-324 is below 1e-9, the smallest positive value accepted (a number from 1e-9 to 1e12)"],
            bad.Errors.Select(e => e.ToString()));
        var table = TableConvention.Read("t.csv", "com,1\nep,1\nde,1\n").Value!;
        var r = Backtester.Run(Mini(), [Backtester.Find("compromise")!], table);
        Assert.Equal(0, r.Cases); // every case has an actor the table lacks
        Assert.Contains("not in the capability table", r.SkippedCases.Last().Reason);
    }

    [Fact]
    public void Scaling_every_capability_changes_no_error()
    {
        var data = Mini();
        var codes = data.Cases.SelectMany(c => c.Scenario.Actors).Select(a => a.Id.Value).Distinct().ToArray();
        var baseTable = string.Join("\n", codes.Select((c, i) => $"{c},{1 + i}"));
        var reference = Backtester.Run(data, [Backtester.Find("compromise")!, Backtester.Find("median")!],
            TableConvention.Read("t.csv", baseTable).Value!);
        Prop.ForAll(Gen.Choose(1, 1000).Select(k => k / 7.0).ToArbitrary(), k =>
        {
            var scaled = string.Join("\n", codes.Select((c, i) => $"{c},{((1 + i) * k).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            var r = Backtester.Run(data, [Backtester.Find("compromise")!, Backtester.Find("median")!], TableConvention.Read("t.csv", scaled).Value!);
            for (int m = 0; m < 2; m++)
                if (Math.Abs(r.Models[m].Errors.Mae - reference.Models[m].Errors.Mae) > 1e-9)
                    throw new Exception($"k={k}: {r.Models[m].Name} MAE {r.Models[m].Errors.Mae} vs {reference.Models[m].Errors.Mae}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Benchmarks_predict_the_setter_and_the_status_quo_or_abstain()
    {
        var r = Backtester.Run(Mini(), [new AgendaSetterPredictor(), new ReferencePointPredictor()], CapabilityConvention.Equal);
        Assert.Equal([100.0, 0, 50, 70], r.Errors.Where(e => e.Model == "agenda-setter").Select(e => e.Forecast));
        Assert.Equal([0.0, 100, 0], r.Errors.Where(e => e.Model == "reference-point").Select(e => e.Forecast));
        Assert.Equal(1, r.Models[1].NotApplicable); // d01001i2 has no reference point
    }

    [Fact]
    public void Every_catalogue_model_is_scored_without_failure_on_the_fixture()
    {
        var r = Backtester.Run(Mini(), Backtester.DefaultPredictors(), CapabilityConvention.Council(), new BacktestOptions { Folds = 2 });
        Assert.All(r.Models, m => Assert.True(m.Failed == 0, $"{m.Name}: {m.FirstFailure}"));
        Assert.Equal(Parley.Core.Models.ModelCatalog.All.Count + 7, r.Models.Count);
    }
}
