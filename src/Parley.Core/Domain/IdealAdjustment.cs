using System.Globalization;

namespace Parley.Core.Domain;

/// <summary>
/// One entry of the ideal-accommodation matrix of KTAB's spatial model of politics (KTAB's XML
/// <c>&lt;IdealAdjustment&gt;</c> pair: adjustingIdeal, referencePos, adjust): how far <paramref name="Actor"/>'s ideal
/// point follows <paramref name="Follows"/>'s position from one round to the next, 0–1.
/// <para>
/// Semantics are KTAB's (docs/specs/smp.md §6.9): the matrix A starts as the identity and each entry overwrites
/// A[Actor, Follows]; after each round the actor's ideal becomes Σ_j A_ij·x_j + (1 − Σ_j A_ij)·(its previous ideal).
/// An actor's own weight is therefore 1 unless an entry with Follows = Actor sets it, and each actor's row, its own
/// weight included, must sum to at most 1. Only the <c>smp</c> model uses it; an empty list is the identity
/// (every ideal is the actor's current position).
/// </para>
/// </summary>
public sealed record IdealAdjustment
{
    public IdealAdjustment(ActorId actor, ActorId follows, double weight)
    {
        if (!double.IsFinite(weight) || weight < 0 || weight > 1)
            throw new ArgumentException(
                $"Ideal adjustment of '{actor}' toward '{follows}': weight must lie in 0..1 (got {weight.ToString(CultureInfo.InvariantCulture)}).");
        Actor = actor;
        Follows = follows;
        Weight = weight;
    }

    /// <summary>The actor whose ideal point moves (KTAB's adjustingIdeal).</summary>
    public ActorId Actor { get; init; }

    /// <summary>The actor whose position it moves toward (KTAB's referencePos); may be the actor itself.</summary>
    public ActorId Follows { get; init; }

    /// <summary>The weight A[Actor, Follows], 0–1 (KTAB's adjust).</summary>
    public double Weight { get; init; }

    /// <summary>Tolerance on a row sum, as KTAB's reader and <c>SmpProblem</c> allow.</summary>
    public const double RowTolerance = 1e-10;

    /// <summary>
    /// <paramref name="actor"/>'s row of the matrix from <paramref name="entries"/>: the sum of its weights (its own
    /// counting 1 unless an entry gives it; the others added in the order given), whether its own weight is given, and
    /// the most its own weight could be for the row to sum to at most 1.
    /// </summary>
    public static (double Sum, bool OwnGiven, double OwnRoom) Row(ActorId actor, IEnumerable<IdealAdjustment> entries)
    {
        double own = 1.0, others = 0.0;
        bool ownGiven = false;
        foreach (var e in entries)
        {
            if (e.Actor != actor) continue;
            if (e.Follows == actor) (own, ownGiven) = (e.Weight, true);
            else others += e.Weight;
        }
        return (own + others, ownGiven, Math.Max(0, 1 - others));
    }

    /// <summary>Formats a weight or row sum for messages.</summary>
    public static string Format(double x) => x.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>
    /// The problems of a list of entries against the declared actors, one message per problem (unknown actor,
    /// duplicate pair, row above 1), each naming the actor. Empty when the list is valid.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<IdealAdjustment> entries, Func<ActorId, bool> isActor)
    {
        var problems = new List<string>();
        var seen = new HashSet<(ActorId, ActorId)>();
        var valid = new List<IdealAdjustment>();
        var order = new List<ActorId>();
        foreach (var e in entries)
        {
            bool ok = true;
            if (!isActor(e.Actor)) { problems.Add($"Ideal adjustment names unknown actor '{e.Actor}'."); ok = false; }
            if (!isActor(e.Follows)) { problems.Add($"Ideal adjustment of '{e.Actor}' follows unknown actor '{e.Follows}'."); ok = false; }
            if (!seen.Add((e.Actor, e.Follows)))
            {
                problems.Add($"Ideal adjustment of '{e.Actor}' toward '{e.Follows}' is given twice.");
                ok = false;
            }
            if (!ok) continue;
            valid.Add(e);
            if (!order.Contains(e.Actor)) order.Add(e.Actor);
        }
        foreach (var actor in order)
        {
            var (sum, ownGiven, room) = Row(actor, valid);
            if (sum > 1 + RowTolerance)
                problems.Add($"Ideal adjustment of '{actor}': the weights sum to {Format(sum)}"
                    + (ownGiven ? "" : $" (its own weight is 1 unless given: follows '{actor}' with at most {Format(room)})")
                    + "; at most 1 per actor, its own weight included.");
        }
        return problems;
    }
}
