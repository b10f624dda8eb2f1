namespace Parley.Backtest;

/// <summary>
/// k-fold assignment by group (a DEU proposal, a scenario file): every case of a group lands in the same fold, so
/// a model tuned on the other folds never saw any issue of the proposal it is scored on. The groups are sorted
/// (ordinal), shuffled by a SplitMix64 generator seeded with the seed, and dealt round-robin into k folds — the same
/// seed gives the same folds on every machine and .NET version.
/// </summary>
public static class Folds
{
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<string> groups, int k, ulong seed) =>
        AssignStratified(groups.Select(g => (g, "")), k, seed);

    /// <summary>
    /// As <see cref="Assign"/>, but the groups of each stratum (a data set, when several are pooled) are shuffled
    /// and dealt on their own, strata in ordinal order, the deal continuing where the previous stratum stopped — so
    /// every fold gets its share of every data set. With one stratum this is exactly <see cref="Assign"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, int> AssignStratified(IEnumerable<(string Group, string Stratum)> groups, int k, ulong seed)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "at least one fold");
        var fold = new Dictionary<string, int>(StringComparer.Ordinal);
        int dealt = 0;
        foreach (var stratum in groups.GroupBy(g => g.Stratum).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var distinct = stratum.Select(g => g.Group).Distinct().Order(StringComparer.Ordinal).ToArray();
            ulong state = seed;
            for (int i = distinct.Length - 1; i > 0; i--)
            {
                int j = (int)(Next(ref state) % (ulong)(i + 1));
                (distinct[i], distinct[j]) = (distinct[j], distinct[i]);
            }
            foreach (var g in distinct)
                if (fold.TryAdd(g, dealt % k)) dealt++;
        }
        return fold;
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
