using System.Globalization;
using Parley.Core.Models.Spatial;
using Parley.Tests.Shared;
using Xunit;

namespace Parley.Core.Tests.Models.Spatial;

/// <summary>Reads KTAB's sample inputs and the transcribed KTAB outputs for the equivalence tests.</summary>
internal static class KtabData
{
    private static double D(string s) => double.Parse(s.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A minimal KTAB CSV parse (the full reader with diagnostics lives in Parley.Formats).</summary>
    public static SmpProblem ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        var head = lines[0].Split(',');
        int na = int.Parse(head[2].Trim()), nd = int.Parse(head[3].Trim());
        var dims = lines[1].Split(',').Skip(3).Where((_, k) => k % 2 == 0).Take(nd).Select(x => x.Trim()).ToArray();
        var ids = new string[na];
        var cap = new double[na];
        var pos = new double[na * nd];
        var sal = new double[na * nd];
        for (int i = 0; i < na; i++)
        {
            var f = lines[2 + i].Split(',');
            ids[i] = f[0].Trim();
            cap[i] = D(f[2]);
            for (int k = 0; k < nd; k++)
            {
                pos[i * nd + k] = D(f[3 + 2 * k]) / 100.0;
                sal[i * nd + k] = D(f[4 + 2 * k]) / 100.0;
            }
        }
        return new SmpProblem(ids, dims, cap, pos, sal);
    }

    public static string Fixture(string name) => Fixtures.Path("ktab", name);

    /// <summary>Rows of a CSV with a header, skipping '#' comments.</summary>
    public static List<string[]> Rows(string path) =>
        File.ReadLines(path).Where(l => !l.StartsWith('#')).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

    /// <summary>Positions [state][actor·M + dim] on 0–100 from a positions file (fixture or shared golden layout).</summary>
    public static List<double[]> Positions(string path, int n, int m, bool ideal = false)
    {
        var states = new List<double[]>();
        bool shared = File.ReadLines(path).First().StartsWith("turn,", StringComparison.Ordinal);
        foreach (var r in Rows(path))
        {
            int t = int.Parse(r[0]);
            int a = int.Parse(r[1]);
            int k = int.Parse(shared ? r[3] : r[2]);
            double v = D(shared ? r[ideal ? 5 : 4] : r[ideal ? 4 : 3]);
            while (states.Count <= t) states.Add(new double[n * m]);
            states[t][a * m + k] = v;
        }
        return states;
    }

    /// <summary>Printed probabilities [actor][state] from a probs file (fixture or shared golden layout).</summary>
    public static List<string[]> Probabilities(string path)
    {
        bool shared = File.ReadLines(path).First().StartsWith("actor_index", StringComparison.Ordinal);
        return Rows(path).Select(r => r.Skip(shared ? 2 : 1).ToArray()).ToList();
    }

    public static double Parse(string s) => D(s);
}
