using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Tests.Shared;

namespace Parley.Core.Tests.Models.ExpectedUtility;

/// <summary>
/// The EC car-emissions table (Bueno de Mesquita 1994, table p. 78, as reproduced by Scholz, Calbert &amp; Smith 2011,
/// Table 1): delay in years before emission standards for medium-sized cars apply. Salience on 0–1.
/// </summary>
internal static class EcEmissions
{
    public static readonly string[] Names =
        ["Netherlands", "Belgium", "Luxembourg", "Germany", "France", "Italy", "UK", "Ireland", "Denmark", "Greece"];
    public static readonly double[] Capability = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08];
    public static readonly double[] Position = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7];
    public static readonly double[] Salience = [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7];

    public static int Index(string name) => Array.IndexOf(Names, name);

    public static IssueProblem Problem() => Build(Names, Position, Salience, Capability);

    public static IssueProblem Build(IReadOnlyList<string> names, double[] positions, double[] saliences, double[] capabilities,
        double scaleMin = 0, double scaleMax = 20)
    {
        var issue = new Issue(new IssueId("delay"), "Delay before emission standards apply", new Scale(scaleMin, scaleMax, "years"));
        var actors = names.Select((n, i) => new Actor(new ActorId(n), n, capabilities[i])).ToArray();
        return new IssueProblem(issue, actors, (double[])positions.Clone(), (double[])saliences.Clone(),
            (double[])capabilities.Clone(), new DecisionRule.Majority());
    }

    /// <summary>The reference trajectory (fixture): per round, weighted mean, weighted median and positions by actor.</summary>
    public static IReadOnlyList<(int Round, double Mean, double Median, Dictionary<string, double> Positions)> ReferenceRounds()
    {
        var lines = File.ReadAllLines(Fixtures.Path("eum", "ec-emissions-rounds.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        var header = lines[0].Split(',');
        var rows = new List<(int, double, double, Dictionary<string, double>)>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var pos = new Dictionary<string, double>();
            for (int c = 3; c < f.Length; c++) pos[header[c]] = double.Parse(f[c], CultureInfo.InvariantCulture);
            rows.Add((int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), pos));
        }
        return rows;
    }
}
