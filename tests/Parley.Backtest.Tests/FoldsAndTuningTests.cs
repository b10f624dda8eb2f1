using FsCheck;
using FsCheck.Fluent;
using Parley.Backtest;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Backtest.Tests;

public sealed class FoldsAndTuningTests
{
    [Fact]
    public void Folds_keep_groups_whole_are_balanced_and_depend_only_on_the_seed()
    {
        Prop.ForAll(Gen.Choose(1, 60).ToArbitrary(), Gen.Choose(2, 10).ToArbitrary(), (groups, k) =>
        {
            var names = Enumerable.Range(0, groups).Select(i => $"p{i}").ToArray();
            var a = Folds.Assign(names, k, 42);
            var b = Folds.Assign(names.Reverse().Concat(names), k, 42); // order and repeats do not matter
            if (!names.All(n => a[n] == b[n])) throw new Exception("assignment depends on input order");
            var sizes = Enumerable.Range(0, k).Select(f => a.Values.Count(v => v == f)).ToArray();
            if (sizes.Max() - sizes.Min() > 1) throw new Exception($"unbalanced folds {string.Join(",", sizes)}");
        }).QuickCheckThrowOnFailure();
        var names40 = Enumerable.Range(0, 40).Select(i => $"p{i}").ToArray();
        var one = Folds.Assign(names40, 5, 1);
        var two = Folds.Assign(names40, 5, 2);
        Assert.NotEqual(names40.Select(n => one[n]), names40.Select(n => two[n]));
        Assert.Equal(names40.Select(n => one[n]), names40.Select(n => Folds.Assign(names40, 5, 1)[n]));
    }

    /// <summary>Records what it was trained on, to prove held-out cases are never seen in training.</summary>
    private sealed class SpyTuned : ITunedPredictor
    {
        public List<(HashSet<string> Training, List<string> Scored)> Fits { get; } = [];
        public string Name => "spy";
        public string Kind => "tuned";
        public double? Predict(PreparedCase c) => 50;

        public (IPredictor Fitted, string Choice) Fit(IReadOnlyList<PreparedCase> training)
        {
            var fit = (training.Select(c => c.Case.Id).ToHashSet(), new List<string>());
            Fits.Add(fit);
            return (new FuncPredictor("spy", "tuned", c => { fit.Item2.Add(c.Case.Id); return 50; }), $"fit{Fits.Count}");
        }
    }

    [Fact]
    public void A_tuned_predictor_is_scored_only_on_cases_of_proposals_it_was_not_trained_on()
    {
        var data = BacktestDataset.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();
        var spy = new SpyTuned();
        var r = Backtester.Run(data, [spy], CapabilityConvention.Equal, new BacktestOptions { Folds = 3 });
        Assert.Equal(3, spy.Fits.Count);
        var group = data.Cases.ToDictionary(c => c.Id, c => c.Group);
        foreach (var (training, scored) in spy.Fits)
            foreach (var id in scored)
            {
                Assert.DoesNotContain(id, training);
                Assert.DoesNotContain(training, t => group[t] == group[id]);
            }
        Assert.Equal(4, spy.Fits.Sum(f => f.Scored.Count)); // every case scored exactly once
        Assert.True(r.Models.Single().HeldOut);
        Assert.Equal(["fit1", "fit2", "fit3"], r.Models.Single().FoldChoices);
    }

    [Fact]
    public void Grid_tuning_picks_the_value_with_the_lowest_training_error()
    {
        var data = BacktestDataset.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();
        var cases = data.Cases.Select(c => new PreparedCase(c, CapabilityConvention.Equal.Apply(c))).ToArray();
        // constant predictors 0, 30, 60, 90: outcomes 60, 25, 50, 80 → MAE 53.75, 28.75, 16.25, 33.75
        var grid = new GridTunedPredictor("const", "v", [0, 30, 60, 90], v => new FuncPredictor("const", "tuned", _ => v));
        Assert.Equal("v=60", grid.Fit(cases).Choice);
    }
}

public sealed class EnsembleTests
{
    private sealed class ConstantModel(string name, double value) : Parley.Core.Models.IssueModel
    {
        public override Parley.Core.Models.ModelInfo Info { get; } = new(name, "constant", "test");
        public override Parley.Core.Models.IssueResult Run(Parley.Core.Models.IssueProblem problem, Parley.Core.Models.ModelSettings settings) =>
            new() { Issue = problem.Issue.Id, Forecast = value };
    }

    [Fact]
    public void The_ensemble_picks_the_pair_whose_average_fits_the_training_cases_best()
    {
        var data = BacktestDataset.Load(Fixtures.Path("deu", "mini.tsv")).ValueOrThrow();
        var cases = data.Cases.Select(c => new PreparedCase(c, CapabilityConvention.Equal.Apply(c))).ToArray();
        // outcomes 60, 25, 50, 80: constants 0, 40, 100; averages 20, 50, 70, 0, 40, 100 → best single/pair: 0+100 (50), MAE 16.25
        var e = new EnsemblePredictor([new ConstantModel("zero", 0), new ConstantModel("forty", 40), new ConstantModel("hundred", 100)]);
        var (fitted, choice) = e.Fit(cases);
        Assert.Equal("zero+hundred", choice);
        Assert.Equal(50, fitted.Predict(cases[0]));
    }
}

public sealed class ModelVariantNameTests
{
    [Fact]
    public void A_model_can_be_named_with_its_settings_and_unknown_settings_are_refused()
    {
        Assert.Equal("compromise", Backtester.Find("compromise")!.Name);
        var ex = Assert.Throws<Parley.Core.Models.ModelSettingException>(() => Backtester.Find("compromise:rounds=3"));
        Assert.Contains("model 'compromise' takes no setting 'rounds'", ex.Message);
        Assert.Throws<Parley.Core.Models.ModelSettingException>(() => Backtester.Find("compromise:rounds"));
        Assert.Null(Backtester.Find("nonesuch:x=1"));
    }
}
