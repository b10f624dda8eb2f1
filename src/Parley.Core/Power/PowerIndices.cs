namespace Parley.Core.Power;

/// <summary>
/// A priori voting power of each player of a <see cref="WeightedVotingGame"/>: the Shapley–Shubik index (Shapley &amp;
/// Shubik 1954; sums to 1) and the normalised Banzhaf index (Banzhaf 1965; raw swing counts over 2^(n−1), then
/// divided by their sum). <see cref="Method"/> says how they were computed and whether they are exact.
/// </summary>
public sealed record PowerIndexResult(IReadOnlyList<double> ShapleyShubik, IReadOnlyList<double> Banzhaf, string Method, bool Exact);

/// <summary>
/// Computes power indices from swing counts by coalition size: for player i and size s, the number of coalitions
/// S of size s without i that lose while S ∪ {i} wins. Then Shapley–Shubik_i = Σ_s c_i(s)·s!(n−s−1)!/n! and raw
/// Banzhaf_i = Σ_s c_i(s)/2^(n−1).
/// <list type="bullet">
/// <item>Non-voters (no weight, no veto) are null players: they get 0 and are left out of the computation (a null
/// player changes no one else's index).</item>
/// <item>Veto players must be in every winning coalition, so only coalitions containing them are counted.</item>
/// <item>At most <see cref="EnumerationLimit"/> other players: every coalition is enumerated — exact for any real
/// weights.</item>
/// <item>More: a generating-function dynamic programme over (coalition size, summed weight) per weighted quota,
/// and for each player the counts without it by deconvolution (Bilbao, Fernández, Jiménez Losada &amp; López 2000).
/// Exact when the weights are integers and the state space fits <see cref="StateBudget"/>; otherwise each quota's
/// weights are rounded to a grid of integer units sized to the budget (an approximation: a coalition whose weight lies
/// within n/2 units of a quota can be misclassified; <see cref="PowerIndexResult.Exact"/> is false and
/// <see cref="PowerIndexResult.Method"/> names the grid). A quota whose weights are equal across the non-veto players
/// is a count and needs no dimension (the Lisbon members quota).</item>
/// </list>
/// </summary>
public static class PowerIndices
{
    /// <summary>Non-veto voters up to which every coalition is enumerated (2^22 coalitions).</summary>
    public const int EnumerationLimit = 22;

    /// <summary>The largest number of (size, weight) states of the dynamic programme.</summary>
    public const long StateBudget = 2_000_000;

    public static PowerIndexResult Compute(WeightedVotingGame game) => Compute(game, EnumerationLimit);

    /// <summary>As <see cref="Compute(WeightedVotingGame)"/>, enumerating up to <paramref name="enumerationLimit"/> free players (tests force the programme with 0).</summary>
    internal static PowerIndexResult Compute(WeightedVotingGame game, int enumerationLimit)
    {
        int total = game.Players;
        var active = Enumerable.Range(0, total).Where(i => !game.IsNonVoter(i)).ToArray();
        var ss = new double[total];
        var bz = new double[total];
        if (active.Length == 0) return new PowerIndexResult(ss, bz, "no voters", true);
        var veto = active.Where(i => game.Vetoes[i]).ToArray();
        var free = active.Where(i => !game.Vetoes[i]).ToArray();
        var swings = new double[total][];
        string method;
        bool exact;
        if (free.Length <= enumerationLimit)
        {
            Enumerate(game, veto, free, swings);
            (method, exact) = ("exact (every coalition enumerated)", true);
        }
        else (method, exact) = Dynamic(game, veto, free, swings);

        int n = active.Length;
        double rawTotal = 0;
        foreach (int i in active)
        {
            var c = swings[i];
            double s = 0, b = 0;
            for (int size = 0; size < n; size++)
            {
                if (c[size] == 0) continue;
                s += c[size] / (n * Binomial(n - 1, size));
                b += c[size];
            }
            ss[i] = s;
            bz[i] = b / Math.Pow(2, n - 1);
            rawTotal += bz[i];
        }
        if (rawTotal > 0)
            foreach (int i in active) bz[i] /= rawTotal;
        return new PowerIndexResult(ss, bz, method, exact);
    }

    /// <summary>C(n, k) as a double (exact for the game sizes here).</summary>
    private static double Binomial(int n, int k)
    {
        k = Math.Min(k, n - k);
        double r = 1;
        for (int j = 1; j <= k; j++) r = r * (n - k + j) / j;
        return Math.Round(r);
    }

    private static void Enumerate(WeightedVotingGame game, int[] veto, int[] free, double[][] swings)
    {
        int m = free.Length, n = veto.Length + m;
        foreach (int i in veto.Concat(free)) swings[i] = new double[n];
        var quotas = game.Quotas;
        var baseSum = quotas.Select(q => veto.Sum(i => q.Weights[i])).ToArray();
        // half sums, so each coalition's weight is one addition of two directly computed sums (no drift)
        int lowBits = m / 2, highBits = m - lowBits;
        var low = quotas.Select(q => HalfSums(q, free, 0, lowBits)).ToArray();
        var high = quotas.Select(q => HalfSums(q, free, lowBits, highBits)).ToArray();
        int count = 1 << m;
        var met = new bool[count];
        int lowMask = (1 << lowBits) - 1;
        for (int mask = 0; mask < count; mask++)
        {
            bool ok = true;
            for (int k = 0; k < quotas.Count && ok; k++)
                ok = quotas[k].MetBy(baseSum[k] + low[k][mask & lowMask] + high[k][mask >> lowBits]);
            met[mask] = ok;
        }
        for (int mask = 0; mask < count; mask++)
        {
            int size = System.Numerics.BitOperations.PopCount((uint)mask);
            if (met[mask])
            {
                foreach (int v in veto) swings[v][size + veto.Length - 1]++;
                continue;
            }
            for (int j = 0; j < m; j++)
            {
                int bit = 1 << j;
                if ((mask & bit) == 0 && met[mask | bit]) swings[free[j]][size + veto.Length]++;
            }
        }
    }

    private static double[] HalfSums(Quota q, int[] free, int from, int bits)
    {
        var sums = new double[1 << bits];
        for (int mask = 1; mask < sums.Length; mask++)
        {
            double s = 0;
            for (int j = 0; j < bits; j++) if ((mask & (1 << j)) != 0) s += q.Weights[free[from + j]];
            sums[mask] = s;
        }
        return sums;
    }

    /// <summary>One weighted dimension of the dynamic programme: integer weights per player and the integer threshold.</summary>
    private sealed record Dimension(Quota Quota, long[] Units, double Threshold, long Base, long Range);

    private static (string Method, bool Exact) Dynamic(WeightedVotingGame game, int[] veto, int[] free, double[][] swings)
    {
        int m = free.Length, n = veto.Length + m;
        foreach (int i in veto.Concat(free)) swings[i] = new double[n];
        // quotas whose weights are equal over the free players are counts (size); the others get a dimension
        var counts = new List<(Quota Q, double Unit, double Base)>();
        var weighted = new List<Quota>();
        foreach (var q in game.Quotas)
        {
            double u = q.Weights[free[0]];
            if (free.All(i => q.Weights[i] == u)) counts.Add((q, u, veto.Sum(i => q.Weights[i])));
            else weighted.Add(q);
        }
        if (weighted.Count > 2) throw new ArgumentException("power indices of more than two weighted quotas are not supported");
        // integer weights are used as they are when the state space fits the budget; otherwise every weighted dimension
        // is shrunk by the same factor onto a grid of integer units
        bool integral = weighted.All(q => q.Weights.All(w => Math.Abs(w - Math.Round(w)) < 1e-9));
        var freeTotals = weighted.Select(q => free.Sum(i => q.Weights[i])).ToArray();
        double exactStates = (m + 1) * freeTotals.Aggregate(1.0, (p, t) => p * (t + 1));
        bool exact = integral && exactStates <= StateBudget;
        double shrink = exact ? 1 : Math.Pow(StateBudget / (double)(m + 1), 1.0 / Math.Max(1, weighted.Count));
        var dims = new List<Dimension>();
        for (int k = 0; k < weighted.Count; k++)
        {
            var q = weighted[k];
            double scale = exact ? 1.0 : (shrink - 1) / freeTotals[k];
            var units = q.Weights.Select(w => (long)Math.Round(w * scale)).ToArray();
            long range = free.Sum(i => units[i]);
            // the threshold on the same grid: the share of the grid total of all players
            double threshold = q.Share * units.Sum();
            dims.Add(new Dimension(q, units, threshold, veto.Sum(i => units[i]), range));
        }
        int r1 = dims.Count > 0 ? checked((int)dims[0].Range + 1) : 1, r2 = dims.Count > 1 ? checked((int)dims[1].Range + 1) : 1;
        int layer = checked(r1 * r2);
        var f = new double[checked((m + 1) * layer)];
        f[0] = 1;
        int W1(int i) => dims.Count > 0 ? (int)dims[0].Units[i] : 0;
        int W2(int i) => dims.Count > 1 ? (int)dims[1].Units[i] : 0;
        // each condition depends on one coordinate only, so it is tabulated once per coordinate
        var countOk = new bool[m + 2];
        for (int s = 0; s <= m + 1; s++) countOk[s] = counts.All(c => c.Q.MetBy(c.Base + s * c.Unit));
        bool[] Tabulate(int k, int range) => dims.Count > k
            ? Enumerable.Range(0, range).Select(x => MetUnits(dims[k], dims[k].Base + x)).ToArray()
            : [true];
        var firstOk = Tabulate(0, r1);
        var secondOk = Tabulate(1, r2);
        // the generating function: f[s][a][b] = number of coalitions of free players with s members and weights (a, b)
        int placed = 0;
        foreach (int p in free)
        {
            int w1 = W1(p), w2 = W2(p), shift = layer + w1 * r2 + w2;
            for (int s = placed; s >= 0; s--)
                for (int a = r1 - 1 - w1; a >= 0; a--)
                {
                    int from = s * layer + a * r2;
                    for (int b = r2 - 1 - w2; b >= 0; b--)
                        if (f[from + b] != 0) f[from + b + shift] += f[from + b];
                }
            placed++;
        }
        // veto players: every coalition of free players that wins together with all veto players is a swing for each
        if (veto.Length > 0)
            for (int s = 0; s <= m; s++)
            {
                if (!countOk[s]) continue;
                double sum = 0;
                for (int a = 0; a < r1; a++)
                {
                    if (!firstOk[a]) continue;
                    for (int b = 0; b < r2; b++)
                        if (secondOk[b]) sum += f[s * layer + a * r2 + b];
                }
                foreach (int i in veto) swings[i][s + veto.Length - 1] += sum;
            }
        // free players: the counts without the player (deconvolution g = f − x·g), shared by players of equal weights
        var done = new Dictionary<(int, int), double[]>();
        var g = new double[f.Length];
        foreach (int i in free)
        {
            int w1 = W1(i), w2 = W2(i), shift = layer + w1 * r2 + w2;
            if (done.TryGetValue((w1, w2), out var known)) { Array.Copy(known, swings[i], known.Length); continue; }
            var c = swings[i];
            for (int s = 0; s < m; s++)
            {
                bool sOk = countOk[s], s1Ok = countOk[s + 1];
                double sum = 0;
                for (int a = 0; a < r1; a++)
                {
                    int at = s * layer + a * r2;
                    bool aOk = firstOk[a], a1Ok = a + w1 < r1 && firstOk[a + w1];
                    for (int b = 0; b < r2; b++)
                    {
                        double v = f[at + b];
                        if (s > 0 && a >= w1 && b >= w2) v -= g[at + b - shift];
                        g[at + b] = v;
                        if (v != 0 && !(sOk && aOk && secondOk[b]) && s1Ok && a1Ok && b + w2 < r2 && secondOk[b + w2]) sum += v;
                    }
                }
                c[s + veto.Length] += sum;
            }
            done[(w1, w2)] = (double[])c.Clone();
        }
        string grid = string.Join(", ", dims.Select(d => $"{d.Units.Sum()} units"));
        return exact
            ? ($"exact (dynamic programme over integer weights{(dims.Count > 0 ? ": " + grid : "")})", true)
            : ($"approximate (dynamic programme, weights rounded to a grid of {grid})", false);
    }

    private static bool MetUnits(Dimension d, double units) =>
        d.Quota.Strict ? units > d.Threshold * (1 + 1e-12) : units >= d.Threshold * (1 - 1e-12);
}
