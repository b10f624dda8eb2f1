namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The one classification of a dyad the model uses, in the kernel (which offers a receiver gets) and in the perception
/// view (the quadrant of Scholz, Calbert &amp; Smith 2011, Fig. 6, after Bueno de Mesquita 1994): with a = E^i(U_ij)
/// and b = E^i(U_ji) as receiver i sees them.
/// </summary>
internal static class OfferRules
{
    /// <summary>The region of Scholz's Fig. 6 for a = E^i(U_ij), b = E^i(U_ji); boundaries (a or b 0, |a| = |b|) are indifferent.</summary>
    public static Quadrant Classify(double a, double b)
    {
        if (a > 0 && b > 0) return a > b ? Quadrant.ConfrontationWin : b > a ? Quadrant.ConfrontationLose : Quadrant.Indifferent;
        if (a < 0 && b < 0) return Quadrant.Stalemate;
        if (a > 0 && b < 0) return a > -b ? Quadrant.CompromiseWin : -b > a ? Quadrant.CompelWin : Quadrant.Indifferent;
        if (a < 0 && b > 0) return b > -a ? Quadrant.CompromiseLose : -a > b ? Quadrant.CompelLose : Quadrant.Indifferent;
        return Quadrant.Indifferent;
    }

    /// <summary>
    /// The move receiver i would make on j's offer: it loses a confrontation (moves to x_j), compromises (part way),
    /// or capitulates (to x_j; only where the variant makes that branch reachable); <see cref="MoveKind.None"/> in the
    /// quadrants where i does not move.
    /// </summary>
    public static MoveKind Move(double a, double b, bool capitulationReachable) => Classify(a, b) switch
    {
        Quadrant.ConfrontationLose => MoveKind.Confrontation,
        Quadrant.CompromiseLose => MoveKind.Compromise,
        Quadrant.CompelLose when capitulationReachable => MoveKind.Capitulation,
        _ => MoveKind.None,
    };

    /// <summary>Where i ends up when it compromises with j: x_i + (x_j − x_i)·|a/b| (Scholz eq. 36).</summary>
    public static double CompromisePosition(double xi, double xj, double a, double b) => xi + (xj - xi) * Math.Abs(a / b);

    /// <summary>
    /// The receiver's position after the move and the key that ranks offers of the same kind (smallest first): the
    /// distance moved, or for compromises under <see cref="CompromiseKey.EuWeightedPosition"/> the reference code's
    /// (|a|·x_i + |b|·x_j)/(|a| + |b|).
    /// </summary>
    public static (double Position, double Key) Offer(MoveKind kind, double xi, double xj, double a, double b, CompromiseKey key)
    {
        if (kind != MoveKind.Compromise) return (xj, Math.Abs(xi - xj));
        double pos = CompromisePosition(xi, xj, a, b);
        double negA = 0 - a;
        return (pos, key == CompromiseKey.EuWeightedPosition ? (negA * xi + b * xj) / (negA + b) : Math.Abs(xi - pos));
    }
}
