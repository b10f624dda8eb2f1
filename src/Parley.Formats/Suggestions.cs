namespace Parley.Formats;

/// <summary>"Did you mean" suggestions: the allowed name nearest to a misspelt one by edit (Levenshtein) distance.</summary>
public static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="word"/> (case-insensitively), or null when none is close enough.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(2, word.Length / 3);
        foreach (var candidate in candidates)
        {
            int d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance) { best = candidate; bestDistance = d; }
        }
        return best is not null && bestDistance <= limit && bestDistance < Math.Max(word.Length, 2) ? best : null;
    }

    /// <summary>The Levenshtein distance: insertions, deletions and substitutions needed to turn a into b.</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>"did you mean 'x'? " (or nothing) followed by the allowed names, at most <paramref name="max"/> of them.</summary>
    public static string Allowed(string word, IReadOnlyCollection<string> candidates, string what = "one of", int max = 12)
    {
        var closest = Closest(word, candidates);
        var hint = closest is null ? "" : $"did you mean '{closest}'? ";
        if (candidates.Count == 0) return hint + "none are declared";
        var list = string.Join(", ", candidates.Take(max)) + (candidates.Count > max ? $", … ({candidates.Count} in all)" : "");
        return $"{hint}{what}: {list}";
    }
}
