namespace Parley.Web.Scenarios;

/// <summary>One line of a diff: " " kept, "-" only in the old text, "+" only in the new.</summary>
public sealed record DiffLine(string Op, string Text, int? OldLine, int? NewLine);

/// <summary>A line diff of two versions' sources (longest common subsequence; texts are scenario files, so small).</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compute(string oldText, string newText)
    {
        var a = Split(oldText);
        var b = Split(newText);
        // trim the common head and tail, then LCS on the middle
        int head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        int tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        int n = a.Length - head - tail, m = b.Length - head - tail;
        if ((long)n * m > 4_000_000) // too different to align cheaply: the middle as removed, then added
            return [.. a.Take(head).Select((l, i) => new DiffLine(" ", l, i + 1, i + 1)),
                .. a.Skip(head).Take(n).Select((l, i) => new DiffLine("-", l, head + i + 1, null)),
                .. b.Skip(head).Take(m).Select((l, i) => new DiffLine("+", l, null, head + i + 1)),
                .. a.Skip(head + n).Select((l, i) => new DiffLine(" ", l, head + n + i + 1, head + m + i + 1))];
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<DiffLine>();
        for (int k = 0; k < head; k++) result.Add(new DiffLine(" ", a[k], k + 1, k + 1));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[head + x] == b[head + y]) { result.Add(new DiffLine(" ", a[head + x], head + x + 1, head + y + 1)); x++; y++; }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) { result.Add(new DiffLine("+", b[head + y], null, head + y + 1)); y++; }
            else { result.Add(new DiffLine("-", a[head + x], head + x + 1, null)); x++; }
        }
        for (int k = 0; k < tail; k++)
            result.Add(new DiffLine(" ", a[a.Length - tail + k], a.Length - tail + k + 1, b.Length - tail + k + 1));
        return result;
    }

    private static string[] Split(string text) => text.Replace("\r\n", "\n").Split('\n');
}
