namespace Parley.Core.Models;

/// <summary>
/// How a deterministic round-based run ended, read from its states (every actor's position after each round): a
/// repeated state means the run is periodic from there on. The last state equal to the one before it = a resting point
/// (<see cref="ConvergenceStatus.Converged"/>); equal to an earlier one p &gt; 1 rounds back = a cycle of period p
/// (<see cref="ConvergenceStatus.Cycled"/>, with the outcomes of its p rounds); otherwise the run was still moving when
/// its rounds ran out (<see cref="ConvergenceStatus.RoundCap"/>).
/// </summary>
public static class CycleDetection
{
    /// <param name="states">Positions per round, round 0 = the inputs (a missing actor counts as a different state).</param>
    /// <param name="outcomes">The model's outcome per round (same length).</param>
    /// <param name="tolerance">Positions closer than this count as equal (absolute, in the units).</param>
    /// <param name="firstComparable">The earliest round a later state may repeat (after the last intervention).</param>
    public static Convergence Classify(IReadOnlyList<IReadOnlyDictionary<string, double>> states, IReadOnlyList<double> outcomes,
        double tolerance, int firstComparable = 0)
    {
        if (states.Count != outcomes.Count) throw new ArgumentException("One outcome per state is needed.", nameof(outcomes));
        int last = states.Count - 1;
        for (int s = last - 1; s >= Math.Max(0, firstComparable); s--)
        {
            if (!Same(states[s], states[last], tolerance)) continue;
            int period = last - s;
            return period == 1
                ? new Convergence(ConvergenceStatus.Converged, last)
                : new Convergence(ConvergenceStatus.Cycled, last, outcomes.Skip(s + 1).Take(period).ToArray());
        }
        return new Convergence(ConvergenceStatus.RoundCap, last);
    }

    private static bool Same(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b, double tolerance)
    {
        if (a.Count != b.Count) return false;
        foreach (var (key, x) in a)
            if (!b.TryGetValue(key, out var y) || !(Math.Abs(x - y) <= tolerance)) return false;
        return true;
    }
}
