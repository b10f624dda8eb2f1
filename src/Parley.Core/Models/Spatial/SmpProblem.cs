namespace Parley.Core.Models.Spatial;

/// <summary>
/// The inputs of an SMP run in KTAB's own terms (docs/specs/smp.md §6): N actors, M dimensions, capabilities (&gt; 0),
/// positions and saliences on the 0–1 scale (row-major, <c>[i·M + k]</c>), Σ_k salience ≤ 1 per actor, and the
/// ideal-accommodation matrix (null = identity, KTAB's CSV case: every ideal follows the actor's position).
/// </summary>
public sealed class SmpProblem
{
    public SmpProblem(IReadOnlyList<string> actorIds, IReadOnlyList<string> dimensionNames, double[] capabilities,
        double[] positions, double[] saliences, double[]? accommodation = null)
    {
        int n = actorIds.Count, m = dimensionNames.Count;
        if (n < 2) throw new ArgumentException($"The SMP needs at least 2 actors (got {n}).");
        if (m < 1) throw new ArgumentException("The SMP needs at least one dimension.");
        if (capabilities.Length != n || positions.Length != n * m || saliences.Length != n * m)
            throw new ArgumentException("Capabilities need one entry per actor, positions and saliences one per actor and dimension.");
        if (accommodation is not null && accommodation.Length != n * n)
            throw new ArgumentException("The accommodation matrix must be N×N.");
        ActorIds = actorIds.ToArray();
        DimensionNames = dimensionNames.ToArray();
        Capabilities = capabilities;
        Positions = positions;
        Saliences = saliences;
        Accommodation = accommodation;
        SalienceSum = new double[n];
        SalienceSquares = new double[n];
        Weights = new double[n];
        DistanceSaliences = (double[])saliences.Clone();
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(capabilities[i]) || capabilities[i] <= 0)
                throw new ArgumentException($"Actor '{ActorIds[i]}': capability must be > 0 (got {capabilities[i]}); KTAB aborts with \"non-positive voting weight\".");
            double s = 0.0, max = 0.0;
            for (int k = 0; k < m; k++)
            {
                double sik = saliences[i * m + k];
                if (!double.IsFinite(sik) || sik < 0 || sik > 1)
                    throw new ArgumentException($"Actor '{ActorIds[i]}', dimension '{DimensionNames[k]}': salience must lie in 0..1 (got {sik}).");
                if (!double.IsFinite(positions[i * m + k]))
                    throw new ArgumentException($"Actor '{ActorIds[i]}', dimension '{DimensionNames[k]}': position must be finite.");
                s += sik;
                max = Math.Max(max, sik);
            }
            // Saliences so small that their squares underflow (1e−300) would make the distance 0/0: scale them by a
            // power of two (exact, and the distance does not depend on their scale); others are used as they are.
            int scale = max > 0 && max < TinySalience ? -Math.ILogB(max) : 0;
            double ss = 0.0;
            for (int k = 0; k < m; k++)
            {
                double sik = DistanceSaliences[i * m + k] = Math.ScaleB(saliences[i * m + k], scale);
                ss += sik * sik;
            }
            if (!(ss > 0)) throw new ArgumentException($"Actor '{ActorIds[i]}': saliences are 0 on every dimension (distances are undefined).");
            if (s > 1 + 1e-12) throw new ArgumentException($"Actor '{ActorIds[i]}': saliences sum to {s} (KTAB needs at most 1).");
            SalienceSum[i] = s;
            SalienceSquares[i] = ss;
            Weights[i] = s * capabilities[i];
            if (!(Weights[i] > 0))
                throw new ArgumentException($"Actor '{ActorIds[i]}': capability × total salience ({capabilities[i]} × {s}) is too small to represent; the SMP's votes need a positive weight.");
        }
        if (accommodation is not null)
            for (int i = 0; i < n; i++)
            {
                double row = 0;
                for (int j = 0; j < n; j++)
                {
                    double a = accommodation[i * n + j];
                    if (!(a >= 0 && a <= 1)) throw new ArgumentException($"Accommodation [{ActorIds[i]}, {ActorIds[j]}] must lie in 0..1 (got {a}).");
                    row += a;
                }
                if (row > 1 + 1e-10) throw new ArgumentException($"Accommodation row of '{ActorIds[i]}' sums to {row} (at most 1).");
            }
    }

    /// <summary>Below this largest salience an actor's saliences are scaled for its distances (2⁻²⁰⁰ ≈ 6e−61).</summary>
    internal const double TinySalience = 6.223015277861142e-61;

    public IReadOnlyList<string> ActorIds { get; }
    public IReadOnlyList<string> DimensionNames { get; }
    public int ActorCount => ActorIds.Count;
    public int DimensionCount => DimensionNames.Count;
    public double[] Capabilities { get; }

    /// <summary>Initial positions, 0–1, <c>[i·M + k]</c>.</summary>
    public double[] Positions { get; }

    /// <summary>Saliences, 0–1, <c>[i·M + k]</c>.</summary>
    public double[] Saliences { get; }

    /// <summary>Ideal-accommodation matrix <c>[i·N + j]</c>, or null for the identity.</summary>
    public double[]? Accommodation { get; }

    /// <summary>σ_i = Σ_k s_ik, summed in dimension order (KTAB <c>sum(vSal)</c>).</summary>
    public double[] SalienceSum { get; }

    /// <summary>
    /// The saliences the salience-weighted distance uses: s_ik, or s_ik·2^e for an actor whose largest salience is below
    /// <see cref="TinySalience"/> (e brings it to [1, 2)); d = √(Σ_k (Δ_k s_ik)² / Σ_k s_ik²) does not change with the
    /// scale, and scaling by a power of two is exact.
    /// </summary>
    internal double[] DistanceSaliences { get; }

    /// <summary>Σ_k s_ik² of <see cref="DistanceSaliences"/>, the normaliser of the salience-weighted distance.</summary>
    internal double[] SalienceSquares { get; }

    /// <summary>Challenge weights σ_i·c_i.</summary>
    internal double[] Weights { get; }
}
