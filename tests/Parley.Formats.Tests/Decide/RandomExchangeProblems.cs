using Parley.Core.Domain;
using Parley.Core.Models.Exchange;

namespace Parley.Formats.Tests.Decide;

/// <summary>
/// Random exchange problems from a seed: 3–9 actors, 2–4 issues on random scales, 1–6 rounds. Half are survey-like
/// (positions in tenths of the scale, saliences and powers in tenths: many ties, outcomes landing on positions), half
/// carry many digits. About one stance in ten is absent, and one problem in four has a shock in a later round.
/// </summary>
internal static class RandomExchangeProblems
{
    public static (ExchangeProblem Problem, int Rounds) Create(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(3, 10), m = rng.Next(2, 5), rounds = rng.Next(1, 7);
        bool coarse = rng.Next(2) == 0;
        double Pick(double min, double max, double step) =>
            Math.Round(coarse ? min + step * rng.Next((int)Math.Round((max - min) / step) + 1) : min + (max - min) * rng.NextDouble(), 6);

        var scales = new Scale[m];
        for (int k = 0; k < m; k++)
        {
            double min = rng.Next(3) == 0 ? Math.Round(rng.NextDouble() * 100 - 50, 1) : 0;
            double width = rng.Next(3) == 0 ? Math.Round(0.5 + rng.NextDouble() * 200, 1) : 100;
            scales[k] = new Scale(min, min + width, "");
        }
        var shocks = new List<ExchangeShock>();
        if (rounds > 1 && rng.Next(4) == 0)
        {
            var kind = (InterventionKind)rng.Next(4);
            int k = rng.Next(m);
            double value = kind switch
            {
                InterventionKind.SetPosition => Math.Round(scales[k].Min + scales[k].Width * rng.NextDouble(), 6),
                InterventionKind.SetSalience => rng.Next(4) == 0 ? 0 : Pick(0.1, 1, 0.1),
                _ => Pick(0.1, 1, 0.1),
            };
            shocks.Add(new ExchangeShock(rng.Next(2, rounds + 1), kind, rng.Next(n), k, value));
        }
        var problem = new ExchangeProblem(n, scales) { Shocks = shocks };
        for (int a = 0; a < n; a++)
        {
            double power = Pick(0.1, 1, 0.1);
            for (int k = 0; k < m; k++)
            {
                int i = a * m + k;
                if (rng.Next(10) == 0) continue;
                problem.Present[i] = true;
                problem.Position[i] = Math.Round(scales[k].Min + scales[k].Width * Pick(0, 1, 0.1), 6);
                problem.Salience[i] = Pick(0.1, 1, 0.1);
                problem.Power[i] = power;
            }
        }
        return (problem, rounds);
    }
}
