using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Core.Models.Procedural;
using Xunit;

namespace Parley.Core.Tests.Models.Procedural;

/// <summary>Invariants of the agenda-setter model on random problems (reordering and capability scaling are in BaselinePropertyTests).</summary>
public class ConsensusPropertyTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Consensus_lies_between_the_status_quo_and_the_positions()
    {
        var model = new ConsensusModel();
        BaselineInstance.Check(inst =>
        {
            double x = model.Forecast(inst.Problem(), ModelSettings.Default);
            Assert.InRange(x, Math.Min(inst.StatusQuo, inst.Min) - Tolerance, Math.Max(inst.StatusQuo, inst.Max) + Tolerance);
            // Without a status quo the fallback (weighted median) lies within the positions.
            double y = model.Forecast(inst.Problem(statusQuo: null), ModelSettings.Default);
            Assert.InRange(y, inst.Min, inst.Max);
        });
    }

    [Fact]
    public void Consensus_outcome_passes_the_rule_and_no_point_nearer_the_setter_does()
    {
        BaselineInstance.Check(inst =>
        {
            var problem = inst.Problem();
            var setterIdeal = inst.Setter is { } k ? inst.Positions[k]
                : CompromiseModel.WeightedMean(inst.Positions, inst.Capabilities, inst.Saliences);
            var s = ConsensusModel.Solve(problem, inst.StatusQuo, setterIdeal);
            Assert.InRange(s.Point, s.WinLow, s.WinHigh);
            // Under unanimity every actor weakly prefers the outcome to the status quo.
            if (inst.Rule is Parley.Core.Domain.DecisionRule.Consensus)
                for (int i = 0; i < inst.Count; i++)
                    Assert.True(Math.Abs(s.Point - inst.Positions[i]) <= Math.Abs(inst.StatusQuo - inst.Positions[i]) + Tolerance);
            // The outcome is the setter's ideal or a boundary of the win-set.
            Assert.True(s.Point == setterIdeal || s.Point == s.WinLow || s.Point == s.WinHigh || s.Point == inst.StatusQuo);
            if (s.Gridlock) Assert.Null(s.Pivot);
        });
    }

    /// <summary>Independent check of the rule: does a proposal x beat the status quo q?</summary>
    private static bool Passes(BaselineInstance inst, double x, double slack = 1e-9)
    {
        double q = inst.StatusQuo;
        var supports = inst.Positions.Select(p => Math.Abs(p - x) <= Math.Abs(p - q) + slack).ToArray();
        for (int i = 0; i < inst.Count; i++)
            if ((inst.Vetoes[i] || inst.Rule is DecisionRule.Consensus) && !supports[i]) return false;
        bool Quota(IReadOnlyDictionary<ActorId, double>? table, double share, bool strict)
        {
            double total = 0, yes = 0;
            for (int i = 0; i < inst.Count; i++)
            {
                double w = table is null ? 1 : table.GetValueOrDefault(BaselineInstance.Id(i), 0);
                total += w;
                if (supports[i]) yes += w;
            }
            if (!(total > 0)) return false;
            return strict ? yes > share * total * (1 + 1e-12) : yes >= share * total * (1 - 1e-12);
        }
        return inst.Rule switch
        {
            DecisionRule.Majority m => Quota(m.Weights, 0.5, strict: true),
            DecisionRule.QualifiedMajority r => Quota(r.Weights, r.Threshold, false)
                && (r.SecondThreshold is not { } t2 || Quota(r.SecondWeights, t2, false)),
            _ => true,
        };
    }

    [Fact]
    public void Outcome_beats_the_status_quo_and_the_next_step_toward_the_setter_does_not()
    {
        BaselineInstance.Check(inst =>
        {
            var problem = inst.Problem();
            double q = inst.StatusQuo;
            double ideal = inst.Setter is { } k ? inst.Positions[k]
                : CompromiseModel.WeightedMean(inst.Positions, inst.Capabilities, inst.Saliences);
            var s = ConsensusModel.Solve(problem, q, ideal);
            Assert.True(Passes(inst, s.Point), $"outcome {s.Point} does not beat q = {q}");
            if (s.Point != ideal)
            {
                double step = Math.Sign(ideal - q) * 1e-6;
                Assert.False(Passes(inst, s.Point + step), $"{s.Point + step}, nearer the setter at {ideal}, also passes");
            }
            Assert.Equal(s.Gridlock, !Passes(inst, q - 1e-6, 0) && !Passes(inst, q + 1e-6, 0));
            if (s.Pivot is { } p && s.Point != ideal) // the pivotal actor is indifferent between the outcome and q
                Assert.Equal(Math.Abs(q - inst.Positions[p]), Math.Abs(s.Point - inst.Positions[p]), 9);
        });
    }
}
