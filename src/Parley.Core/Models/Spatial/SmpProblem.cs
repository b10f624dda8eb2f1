namespace Parley.Core.Models.Spatial;

/// <summary>
/// The inputs of an SMP run in KTAB's own terms (SPEC §6): N actors, M dimensions, capabilities (&gt; 0),
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
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(capabilities[i]) || capabilities[i] <= 0)
                throw new ArgumentException($"Actor '{ActorIds[i]}': capability must be > 0 (got {capabilities[i]}); KTAB aborts with \"non-positive voting weight\".");
            double s = 0.0, ss = 0.0;
            for (int k = 0; k < m; k++)
            {
                double sik = saliences[i * m + k];
                if (!double.IsFinite(sik) || sik < 0 || sik > 1)
                    throw new ArgumentException($"Actor '{ActorIds[i]}', dimension '{DimensionNames[k]}': salience must lie in 0..1 (got {sik}).");
                if (!double.IsFinite(positions[i * m + k]))
                    throw new ArgumentException($"Actor '{ActorIds[i]}', dimension '{DimensionNames[k]}': position must be finite.");
                s += sik;
                ss += sik * sik;
            }
            if (!(ss > 0)) throw new ArgumentException($"Actor '{ActorIds[i]}': saliences are 0 on every dimension (distances are undefined).");
            if (s > 1 + 1e-12) throw new ArgumentException($"Actor '{ActorIds[i]}': saliences sum to {s} (KTAB needs at most 1).");
            SalienceSum[i] = s;
            SalienceSquares[i] = ss;
            Weights[i] = s * capabilities[i];
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

    /// <summary>Σ_k s_ik², the normaliser of the salience-weighted distance.</summary>
    public double[] SalienceSquares { get; }

    /// <summary>Challenge weights σ_i·c_i.</summary>
    public double[] Weights { get; }
}
