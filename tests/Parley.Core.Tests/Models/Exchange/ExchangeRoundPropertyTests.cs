using Parley.Core.Domain;
using Parley.Core.Models.Exchange;
using Parley.Core.Models;
using Xunit;

namespace Parley.Core.Tests.Models.Exchange;

/// <summary>
/// The round properties a lazier fast kernel would rely on (docs/performance.md, "Exchange model"), checked by the
/// kernel's probe at every execution and re-sizing on generated scenarios: which hold, and which do not.
/// </summary>
public class ExchangeRoundPropertyTests
{
    /// <summary>
    /// A scenario from a seed: 3–40 actors, 2–6 issues; half survey-like (positions, saliences and capabilities in
    /// tenths: ties, outcomes landing on positions), half with many digits; about one stance in ten missing.
    /// </summary>
    private static Scenario Generated(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(3, 41), m = rng.Next(2, 7);
        bool coarse = rng.Next(2) == 0;
        double Pick(double min, double max) => coarse ? min + (max - min) * rng.Next(11) / 10.0 : min + (max - min) * rng.NextDouble();
        var actors = Enumerable.Range(0, n).Select(a => ($"a{a}", Math.Max(0.1, Pick(0, 1)))).ToArray();
        var issues = Enumerable.Range(0, m).Select(k => ($"i{k}", 0.0, 100.0)).ToArray();
        var stances = new List<(string, string, double, double)>();
        for (int a = 0; a < n; a++)
        for (int k = 0; k < m; k++)
            if (rng.Next(10) > 0) stances.Add(($"a{a}", $"i{k}", Pick(0, 100), Math.Max(0.05, Pick(0, 1))));
        return ExchangeTestScenarios.Build(actors, issues, stances);
    }

    /// <summary>Both tests read the counts of one probed pass over 400 generated scenarios, 4 rounds each.</summary>
    private static readonly Lazy<ExchangeRoundProbe> Shared = new(() => Probe(400));

    private static ExchangeRoundProbe Probe(int seeds, int rounds = 4)
    {
        var probe = new ExchangeRoundProbe();
        for (int seed = 0; seed < seeds; seed++)
        {
            var scenario = Generated(seed);
            var problem = EqualGainExchangeModel.Problem(scenario, scenario.Issues.ToArray(), ModelSettings.Default, rounds);
            FastExchangeKernel.Instance.Run(problem, rounds, ExchangeTieBreak.Deterministic, 1, null, null, probe);
        }
        return probe;
    }

    [Fact]
    public void Votes_move_one_way_within_a_round_so_a_passed_partner_is_an_O1_test_on_the_current_votes()
    {
        var probe = Shared.Value;
        // enough work for the checks to mean something
        Assert.True(probe.Executions > 5_000, $"{probe.Executions} executions");
        Assert.True(probe.PassedDrops > 5_000, $"{probe.PassedDrops} candidates dropped as passed");
        Assert.Equal(0, probe.MovesAgainstDirection);
        Assert.Equal(0, probe.PassedTestDisagreements);
    }

    [Fact]
    public void The_outcome_cap_can_raise_a_gain_so_the_uncapped_gain_is_no_upper_bound_for_lazy_sizing()
    {
        // decide's cap measures the move to the partner's position from the mover's recorded vote when it has one (a
        // quirk reproduced on purpose), so a capped move can be longer than the uncapped one, carry the vote past the
        // partner and give a larger gain; a re-sizing can also raise a gain. A kernel that sized a candidate only when
        // its uncapped gain reached the top of the queue would then execute in another order than decide.
        var probe = Shared.Value;
        Assert.True(probe.CapRaisedGain > 0, "no sizing where the cap raised the gain: the uncapped gain may be a bound after all");
        Assert.True(probe.GainRose > 0, "no re-sizing raised a gain");
        Assert.True(probe.MovesPastPartner > 0, "no capped move carried a vote past its partner");
    }
}
