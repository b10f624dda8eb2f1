using Parley.Core.Models;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// Where a dyad falls in actor i's view (Scholz, Calbert &amp; Smith 2011, Fig. 6), with a = E^i(U_ij) and
/// b = E^i(U_ji).
/// </summary>
public enum Quadrant
{
    /// <summary>Both hold the same position: nothing to bargain about.</summary>
    SamePosition,

    /// <summary>a &gt; 0, b &gt; 0, a &gt; b: conflict that i expects to win; j moves to x_i.</summary>
    ConfrontationWin,

    /// <summary>a &gt; 0, b &gt; 0, b &gt; a: conflict that i expects to lose; i moves to x_j.</summary>
    ConfrontationLose,

    /// <summary>a &gt; 0, b &lt; 0, |a| &gt; |b|: i has the upper hand; j moves part way (eq. 35).</summary>
    CompromiseWin,

    /// <summary>a &lt; 0, b &gt; 0, |b| &gt; |a|: j has the upper hand; i moves part way (eq. 36).</summary>
    CompromiseLose,

    /// <summary>a &gt; 0, b &lt; 0, |b| &gt; |a|: i compels j, which capitulates to x_i.</summary>
    CompelWin,

    /// <summary>a &lt; 0, b &gt; 0, |a| &gt; |b|: i capitulates to x_j.</summary>
    CompelLose,

    /// <summary>a &lt; 0, b &lt; 0: neither challenges; status quo.</summary>
    Stalemate,

    /// <summary>On a boundary (a or b is 0, or |a| = |b|): no move implied.</summary>
    Indifferent,
}

/// <summary>How actor i sees one other actor j.</summary>
/// <param name="Other">j's id.</param>
/// <param name="Probability">P(x_i prevails over x_j) as the variant computes it.</param>
/// <param name="EuSelf">E^i(U_ij): i's expected utility of challenging j, valued with r_i.</param>
/// <param name="EuOther">E^i(U_ji): what i believes j expects from challenging i, valued with r_i.</param>
/// <param name="Mover">self, other or none: who moves in this quadrant (none for compel/capitulate in the reference
/// variant, whose capitulation branch is unreachable).</param>
/// <param name="ImpliedPosition">where the mover ends up (x_i when nobody moves).</param>
public sealed record PerceptionRow(
    string Other,
    string OtherName,
    double OtherPosition,
    double Probability,
    double EuSelf,
    double EuOther,
    Quadrant Quadrant,
    string Mover,
    double ImpliedPosition,
    string Text);

/// <summary>Actor i's perception of every other actor at the start of round <see cref="Round"/> + 1.</summary>
public sealed record PerceptionView(
    string Actor,
    string ActorName,
    string Issue,
    string Variant,
    int Round,
    double Position,
    double Risk,
    double Median,
    IReadOnlyList<PerceptionRow> Rows);

/// <summary>
/// The perception view of Bueno de Mesquita's expected utility model: for a chosen actor i and every other actor j,
/// E^i(U_ij) against E^i(U_ji) (both valued with i's risk exponent, as Bueno de Mesquita's quadrant charts do), the
/// quadrant and the offer it implies. A pure function of the problem and the settings.
/// </summary>
public static class Perception
{
    private static readonly Models.ModelInfo Info = new ExpectedUtilityModel().Info;

    /// <summary>
    /// i's view after <paramref name="round"/> rounds (0 = the inputs; the view that drives the next round's moves).
    /// Interventions scheduled up to round + 1 are applied first.
    /// </summary>
    public static PerceptionView For(IssueProblem problem, ModelSettings settings, int actorIndex, int round = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        if (actorIndex < 0 || actorIndex >= problem.Count) throw new ArgumentOutOfRangeException(nameof(actorIndex));
        settings.RejectUnknown(Info);
        var options = EumOptions.From(settings);
        var workspace = EumWorkspace.Rent();
        try
        {
            return View(workspace.Simulation, problem, settings, options, actorIndex, round);
        }
        finally
        {
            EumWorkspace.Return(workspace);
        }
    }

    private static PerceptionView View(EumSimulation sim, IssueProblem problem, ModelSettings settings, EumOptions options,
        int actorIndex, int round)
    {
        sim.Start(problem, options);
        for (int t = 1; t <= round; t++)
        {
            sim.ApplyInterventions(settings.Interventions, t, null);
            sim.Step();
        }
        sim.ApplyInterventions(settings.Interventions, round + 1, null);
        if (!sim.IsActive(actorIndex))
            throw new ArgumentException($"actor '{problem.ActorKey(actorIndex)}' has left the negotiation by round {round + 1}");
        sim.Compact();
        var kernel = sim.Kernel;
        kernel.Prepare();

        int me = -1;
        for (int k = 0; k < kernel.Count; k++) if (sim.OriginalIndex(k) == actorIndex) me = k;
        double ri = kernel.Risk[me], xi = kernel.Positions[me];
        string myName = problem.Actors[actorIndex].Name;
        var rows = new List<PerceptionRow>();
        for (int k = 0; k < kernel.Count; k++)
        {
            if (k == me) continue;
            int j = sim.OriginalIndex(k);
            double xj = kernel.Positions[k];
            string otherName = problem.Actors[j].Name;
            if (xj == xi || kernel.Degenerate)
            {
                rows.Add(new PerceptionRow(problem.ActorKey(j), otherName, xj, kernel.Probability(me, k), 0, 0,
                    Quadrant.SamePosition, "none", xi, "same position"));
                continue;
            }
            double a = kernel.ExpectedUtility(me, k, ri), b = kernel.ExpectedUtility(k, me, ri);
            var q = Classify(a, b);
            var (mover, pos) = q switch
            {
                Quadrant.ConfrontationWin or Quadrant.CompelWin => ("other", xi),
                Quadrant.ConfrontationLose or Quadrant.CompelLose => ("self", xj),
                Quadrant.CompromiseWin => ("other", OfferRules.CompromisePosition(xj, xi, b, a)),
                Quadrant.CompromiseLose => ("self", OfferRules.CompromisePosition(xi, xj, a, b)),
                _ => ("none", xi),
            };
            bool unreachable = q is Quadrant.CompelWin or Quadrant.CompelLose && !options.Variant.CapitulationReachable;
            if (unreachable) (mover, pos) = ("none", xi);
            string f = ExpectedUtilityModel.Format(unreachable ? (q == Quadrant.CompelWin ? xi : xj) : pos);
            string text = q switch
            {
                Quadrant.ConfrontationWin => $"{myName} wins a confrontation: {otherName} → {f}",
                Quadrant.ConfrontationLose => $"{myName} loses a confrontation to {otherName} → {f}",
                Quadrant.CompromiseWin => $"{otherName} compromises with {myName} → {f}",
                Quadrant.CompromiseLose => $"{myName} compromises with {otherName} → {f}",
                Quadrant.CompelWin => $"{myName} compels {otherName} → {f}",
                Quadrant.CompelLose => $"{myName} capitulates to {otherName} → {f}",
                Quadrant.Stalemate => "stalemate",
                _ => "indifferent",
            };
            if (unreachable) text += " (not in the reference variant)";
            rows.Add(new PerceptionRow(problem.ActorKey(j), otherName, xj, kernel.Probability(me, k), a, b, q, mover, pos, text));
        }
        return new PerceptionView(problem.ActorKey(actorIndex), myName, problem.Issue.Id.Value, options.Variant.Name,
            round, xi, ri, kernel.Median, rows);
    }

    /// <summary>The region of Scholz's Fig. 6 for a = E^i(U_ij), b = E^i(U_ji) (the kernel's classification of offers).</summary>
    public static Quadrant Classify(double a, double b) => OfferRules.Classify(a, b);
}
