using Parley.Core.Models;

namespace Parley.Application.Sizing;

/// <summary>What one run of a model on a scenario costs: CPU seconds on one core, and the memory it works in.</summary>
public sealed record RunCost(double CpuSeconds, long WorkingBytes);

/// <summary>
/// The measured cost of one run of each built-in model, as a function of the actors N and the issues M it runs on, at its
/// default rounds: a coefficient times the term that dominates its work, fitted to the largest sizes measured in
/// docs/performance.md (Release build, this project's 2-core machine). Good to within a factor of about 3: enough to say
/// before a run that it will take hours or cannot fit, which is all it is for. A model without an entry (one added
/// to a registry) has no estimate.
/// </summary>
public static class CostModel
{
    private const double Micro = 1e-6;

    /// <summary>Beyond this many actors the EUM streams its pair tables (O(N) memory) and does about 4× the work per pair (docs/eum.md).</summary>
    private const int EumTableActors = 1_300;

    public static RunCost? PerRun(IModel model, int actors, int issues)
    {
        double n = actors, m = Math.Max(1, issues);
        return model.Info.Name switch
        {
            // one pass over the actors per issue (0.03–0.08 µs per actor at 1,000 actors)
            "compromise" or "median" or "nash" => new RunCost(0.1 * Micro * n * m, Bytes(16 * n * m)),
            "consensus" => new RunCost(0.3 * Micro * n * m, Bytes(32 * n * m)),
            // pairs of actors per round, 10 rounds: 3.3 ms at 100 actors, 0.39 s at 1,000, 157 s streamed at 10,000; the
            // pair tables (kept up to 128 MB, up to about 1,300 actors) and ≈ 16 kB per actor and issue of rounds and trace
            "eum" => new RunCost((actors <= EumTableActors ? 0.4 : 1.6) * Micro * n * n * m,
                Bytes((actors <= EumTableActors ? Math.Min(96 * n * n, 128e6) : 0) + 16e3 * n * m)),
            // fitted through the Hague scenario (33 × 4, ≈ 30 ms) and a random 1,000 × 3 problem (≈ 83 s, 100 states);
            // memory: the states kept, each with N × N tables (66 MB at 200 × 3, 340 MB at 400 × 3)
            "smp" => new RunCost(1.7 * Micro * Math.Pow(n, 2.4) * m, Bytes(700 * n * n * m)),
            // candidates are pairs of actors × pairs of issues: 1,000 × 10 takes ≈ 25 s (≈ 5.6 million candidates a
            // round); memory 215 MB at 300 × 10 and 410 MB at 500 × 10
            "exchange" => new RunCost(0.25 * Micro * n * n * m * m, Bytes(24 * n * n * m * m)),
            _ => null,
        };
    }

    private static long Bytes(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)bytes;
}
