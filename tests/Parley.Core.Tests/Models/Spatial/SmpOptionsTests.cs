using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

public sealed class SmpOptionsTests
{
    private static readonly SmpProblem Dim3 = KtabData.ReadCsv(KtabData.Fixture("dummyData_3Dim.csv"));
    private static readonly SmpProblem Policy = KtabData.ReadCsv(KtabData.Fixture("SOE-Policy.csv"));

    private static double[][] Positions(SmpRun r) => r.States.Select(s => s.State.Positions).ToArray();

    [Fact]
    public void Mersenne_twister_matches_the_cpp_standard_and_ktab_transform()
    {
        // C++ [rand.predef]: the 10000th output of a default-constructed (seed 5489) mt19937_64.
        var g = new KtabRandom(5489);
        ulong x = 0;
        for (int i = 0; i < 10000; i++) x = g.NextRaw();
        Assert.Equal(9981545732273789042UL, x);
        Assert.Equal(unchecked(0xE08C1D668B756F83UL * 3UL), KtabRandom.QTrans(0));
        var u = new KtabRandom(KtabRandom.DefaultSeed);
        for (int i = 0; i < 100; i++) Assert.InRange(u.Uniform(0, 1), 0.0, 1.0);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var one = new SmpEngine(Policy, SmpOptions.Default with { Threads = 1 }).Run();
        var many = new SmpEngine(Policy, SmpOptions.Default with { Threads = 4 }).Run();
        Assert.Equal(Positions(one), Positions(many));
        var s1 = new SmpEngine(Dim3, SmpOptions.Default with { Transitions = StateTransitions.Stochastic, Seed = 7, Threads = 1 }).Run();
        var s4 = new SmpEngine(Dim3, SmpOptions.Default with { Transitions = StateTransitions.Stochastic, Seed = 7, Threads = 4 }).Run();
        Assert.Equal(Positions(s1), Positions(s4));
    }

    [Fact]
    public void Stochastic_transitions_are_fixed_by_the_seed()
    {
        SmpRun Run(ulong seed) => new SmpEngine(Policy, SmpOptions.Default with { Transitions = StateTransitions.Stochastic, Seed = seed }).Run();
        Assert.Equal(Positions(Run(11)), Positions(Run(11)));
        var runs = Enumerable.Range(1, 5).Select(s => Positions(Run((ulong)s))).ToList();
        Assert.Contains(runs, r => r.Length != runs[0].Length || !r.Zip(runs[0]).All(p => p.First.SequenceEqual(p.Second)));
        var det = Positions(new SmpEngine(Policy, SmpOptions.Default).Run());
        Assert.Contains(runs, r => r.Length != det.Length || !r.Zip(det).All(p => p.First.SequenceEqual(p.Second)));
    }

    public static TheoryData<string, string> EveryOptionValue()
    {
        var d = new TheoryData<string, string>();
        foreach (var p in SmpOptions.Parameters.Take(9))
        {
            var values = p.Name switch
            {
                "vpm" => Enum.GetNames<VictoryProbModel>(),
                "pcem" => Enum.GetNames<PceModel>(),
                "stm" => Enum.GetNames<StateTransitions>(),
                "voting" => Enum.GetNames<VotingRule>(),
                "bigr-adjust" => Enum.GetNames<BigRAdjust>(),
                "bigr-range" => Enum.GetNames<BigRRange>(),
                "third-party" => Enum.GetNames<ThirdPartyCommit>(),
                "interp" => Enum.GetNames<InterVecBargain>(),
                _ => ["init-only", "init-rcvr", "pw-comp", "InitRcvrInterp"],
            };
            foreach (var v in values) d.Add(p.Name, v);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(EveryOptionValue))]
    public void Every_option_runs_and_keeps_positions_on_the_scale(string name, string value)
    {
        var options = SmpOptions.From(ModelSettings.Default.With(name, value));
        var run = new SmpEngine(Dim3, options).Run();
        Assert.InRange(run.States.Count, 3, 101);
        foreach (var s in run.States)
        {
            Assert.All(s.State.Positions, x => Assert.InRange(x, 0.0, 1.0));
            Assert.InRange(s.ClassProbabilities.Sum(), 1 - 1e-9, 1 + 1e-9);
        }
    }

    [Fact]
    public void Ktab_names_map_to_ktab_indices()
    {
        Assert.Equal(2, (int)VotingRule.Prop);
        Assert.Equal(1, (int)BigRAdjust.OneThird);
        Assert.Equal(1, (int)ThirdPartyCommit.SemiCommit);
        Assert.Equal(1, (int)InterVecBargain.S2P2);
        Assert.Equal(2, (int)PceModel.MarkovUniform);
        var o = SmpOptions.From(ModelSettings.Default.With("vpm", "octic").With("pcem", "markov-incentive").With("bargain", "PWCompInterp").With("ktab-compat", "true"));
        Assert.Equal((VictoryProbModel.Octic, PceModel.MarkovIncentive, BargainModel.PWComp, true), (o.VictoryProb, o.Pce, o.Bargain, o.KtabCompat));
        Assert.Throws<ModelSettingException>(() => SmpOptions.From(ModelSettings.Default.With("voting", "majority")));
    }

    [Theory]
    [InlineData(BargainModel.InitRcvr)]
    [InlineData(BargainModel.PWComp)]
    public void Ktab_compat_replicates_the_receiver_bargain_bugs_and_the_default_fixes_them(BargainModel model)
    {
        var fixedRun = new SmpEngine(Dim3, SmpOptions.Default with { Bargain = model }).Run();
        var compat = new SmpEngine(Dim3, SmpOptions.Default with { Bargain = model, KtabCompat = true }).Run();
        var f = fixedRun.Rounds[0].Bargains;
        var c = compat.Rounds[0].Bargains;
        Assert.Equal(model == BargainModel.InitRcvr ? 2 : 1, f.Count(b => b.Initiator == f[0].Initiator));
        Assert.Contains(f.Zip(c), p => !p.First.InitiatorPosition.SequenceEqual(p.Second.InitiatorPosition)
                                       || !p.First.ReceiverPosition.SequenceEqual(p.Second.ReceiverPosition));
    }

    [Fact]
    public void Init_only_bargains_do_not_depend_on_ktab_compat()
    {
        Assert.Equal(Positions(new SmpEngine(Dim3, SmpOptions.Default).Run()),
            Positions(new SmpEngine(Dim3, SmpOptions.Default with { KtabCompat = true }).Run()));
    }

    [Fact]
    public void Everyone_at_one_point_is_risk_neutral_by_default_and_KTABs_0_over_0_with_compat()
    {
        var p = new SmpProblem(["a", "b", "c"], ["x"], [1, 2, 3], [0.4, 0.4, 0.4], [0.5, 0.6, 0.7]);
        var run = new SmpEngine(p, SmpOptions.Default).Run();
        Assert.Equal(3, run.States.Count);
        Assert.All(run.States[0].Risk, r => Assert.Equal(0.0, r));
        Assert.All(run.States[^1].State.Positions, x => Assert.Equal(0.4, x));
        Assert.Throws<ModelSettingException>(() => new SmpEngine(p, SmpOptions.Default with { KtabCompat = true }).Run());
    }

    [Fact]
    public void Capability_zero_and_salience_totals_above_one_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SmpProblem(["a", "b"], ["x"], [1, 0], [0.1, 0.2], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => new SmpProblem(["a", "b"], ["x", "y"], [1, 1], [0.1, 0.2, 0.3, 0.4], [0.7, 0.7, 0.5, 0.5]));
    }

    /// <summary>A random problem with awkward sizes (not a multiple of the SIMD width) and saliences summing below 1.</summary>
    private static SmpProblem RandomProblem(int n, int m, int seed)
    {
        var rng = new System.Random(seed);
        var cap = new double[n];
        var pos = new double[n * m];
        var sal = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            cap[i] = 10 + 190 * rng.NextDouble();
            double total = 0.75 + 0.24 * rng.NextDouble();
            var parts = Enumerable.Range(0, m).Select(_ => 0.05 + rng.NextDouble()).ToArray();
            for (int k = 0; k < m; k++)
            {
                sal[i * m + k] = total * parts[k] / parts.Sum();
                pos[i * m + k] = Math.Round(rng.NextDouble(), 4);
            }
        }
        return new SmpProblem(Enumerable.Range(0, n).Select(i => $"a{i}").ToArray(), Enumerable.Range(0, m).Select(k => $"d{k}").ToArray(), cap, pos, sal);
    }

    [Theory]
    [InlineData(61, 3, 5)]
    [InlineData(37, 1, 9)]
    [InlineData(70, 2, 3)]
    [InlineData(150, 3, 11)]
    public void Pruned_lane_parallel_challenges_choose_what_a_full_scalar_evaluation_chooses(int n, int m, int seed)
    {
        var p = RandomProblem(n, m, seed);
        var fast = new SmpEngine(p, SmpOptions.Default).Run();                                   // pruned
        var full = new SmpEngine(p, SmpOptions.Default with { RecordChallenges = true }).Run(); // every target
        Assert.Equal(Positions(full), Positions(fast));
        Assert.Equal(full.Rounds.Select(r => r.Targets), fast.Rounds.Select(r => r.Targets));
        Assert.True(full.Rounds.Count >= 3);

        // The lane kernel's recorded challenges equal KTAB's scalar probEduChlg to the bit; the chosen target is the
        // first index of largest gain above 1e−5.
        var engine = new SmpEngine(p, SmpOptions.Default);
        for (int r = 0; r < 2; r++)
        {
            var a = full.States[r];
            var views = full.Rounds[r].Challenges!;
            for (int i = 0; i < n; i++)
            {
                int best = -1;
                double bestGain = -1;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    var (prob, gain, _) = engine.EvaluateChallenge(a, i, i, i, j);
                    Assert.Equal(prob, views[i * n + j].Probability);
                    Assert.Equal(gain, views[i * n + j].Gain);
                    if (SmpEngine.MinSignificantGain < gain && bestGain < gain) (best, bestGain) = (j, gain);
                }
                Assert.Equal(best, fast.Rounds[r].Targets[i]);
            }
        }
    }

    [Fact]
    public void Bargain_values_follow_ktabs_summation_order_for_every_block_size()
    {
        // 4W-actor blocks plus a scalar tail: runs of sizes around the block width give the positions the reference
        // summation gives (brgnUtil: own new positions first, then the others in index order, / N).
        foreach (int n in new[] { 2, 3, 15, 16, 17, 33 })
        {
            var p = RandomProblem(n, 2, n);
            var engine = new SmpEngine(p, SmpOptions.Default);
            var a = engine.Analyse(SmpState.Initial(p));
            var (next, round) = engine.Step(a, 0);
            var values = engine.BargainValues(a, round.Bargains);
            Assert.NotEmpty(round.Bargains);
            for (int bi = 0; bi < round.Bargains.Count; bi++)
            {
                var b = round.Bargains[bi];
                for (int x = 0; x < n; x++)
                {
                    var own = a.State.Positions.AsSpan(x * 2, 2).ToArray();
                    double sum = 0.0;
                    sum += SmpEngine.Utility(Dist(p, x, own, b.InitiatorPosition), a.Risk[x]);
                    sum += SmpEngine.Utility(Dist(p, x, own, b.ReceiverPosition), a.Risk[x]);
                    for (int t = 0; t < n; t++)
                        if (t != b.Initiator && t != b.Receiver) sum += a.OwnUtility[x * n + t];
                    Assert.Equal(sum / n, values[bi][x]);
                }
            }
            Assert.Equal(n * 2, next.Positions.Length);
        }

        static double Dist(SmpProblem p, int i, double[] from, double[] to)
        {
            double s = 0;
            for (int k = 0; k < 2; k++)
            {
                double d = (from[k] - to[k]) * p.Saliences[i * 2 + k];
                s += d * d;
            }
            return Math.Sqrt(s / p.SalienceSquares[i]);
        }
    }

    [Fact]
    public void Doubling_every_capability_changes_no_position()
    {
        var doubled = new SmpProblem(Policy.ActorIds, Policy.DimensionNames, Policy.Capabilities.Select(c => 2 * c).ToArray(),
            Policy.Positions, Policy.Saliences);
        var a = Positions(new SmpEngine(Policy, SmpOptions.Default).Run());
        var b = Positions(new SmpEngine(doubled, SmpOptions.Default).Run());
        Assert.Equal(a.Length, b.Length);
        for (int t = 0; t < a.Length; t++)
            for (int x = 0; x < a[t].Length; x++) Assert.Equal(a[t][x], b[t][x], 1e-9);
    }

    private static Scenario TwoIssues()
    {
        var i1 = new Issue(new IssueId("spend"), "Spending", new Scale(1, 6, "% GDP"), statusQuo: 2);
        var i2 = new Issue(new IssueId("wording"), "Wording", new Scale(0, 100));
        var actors = new[] { new Actor(new ActorId("us"), "US", 50), new Actor(new ActorId("de"), "DE", 20),
            new Actor(new ActorId("es"), "ES", 10), new Actor(new ActorId("pl"), "PL", 8) };
        var stances = new List<Stance>
        {
            new(new ActorId("us"), i1.Id, 5, 0.9), new(new ActorId("us"), i2.Id, 30, 0.6),
            new(new ActorId("de"), i1.Id, 3.5, 0.5), new(new ActorId("de"), i2.Id, 60, 0.4),
            new(new ActorId("es"), i1.Id, 2.1, 0.8), new(new ActorId("es"), i2.Id, 70, 0.2),
            new(new ActorId("pl"), i1.Id, 5, 0.7),
        };
        return new Scenario(new ScenarioMetadata("t", "t"), actors, [i1, i2], stances);
    }

    [Fact]
    public void A_parley_scenario_runs_per_issue_with_states_bargains_and_notes()
    {
        var result = new SpatialModelOfPolitics().Run(TwoIssues(), ModelSettings.Default, TestContext.Current.CancellationToken);
        Assert.Equal("smp", result.Model);
        Assert.Equal(2, result.Issues.Count);
        var spend = Assert.IsType<SmpIssueResult>(result.Issues[0]);
        Assert.InRange(spend.Forecast, 2.1, 5);
        Assert.Equal(spend.Trajectory[^1].Outcome, spend.Forecast, 12);
        Assert.Equal(spend.States.Count, spend.Trajectory.Count);
        Assert.Equal(spend.States.Count - 1, spend.Bargains.Count);
        Assert.Equal([5.0, 30.0], spend.States[0].Positions["us"]);
        Assert.Equal(50.0, spend.States[0].Positions["pl"][1]); // pl has no stance on wording: the midpoint
        Assert.Contains(spend.Notes!, n => n.Contains("pl has no stance on wording"));
        Assert.Contains(spend.Notes!, n => n.Contains("saliences divided") && n.Contains("us (1.5)"));
        Assert.Equal(spend.ModalClass.Probability, spend.States[^1].Probabilities.Values.Max(), 12);
    }

    [Fact]
    public void Unknown_settings_are_rejected()
    {
        Assert.Throws<ModelSettingException>(() => new SpatialModelOfPolitics().Run(TwoIssues(), ModelSettings.Default.With("rounds", "3"), TestContext.Current.CancellationToken));
    }
}
