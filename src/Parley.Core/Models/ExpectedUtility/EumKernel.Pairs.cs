namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// What the tables and the stream share: which of the two a round uses, the rows the rest of the kernel reads, and
/// the arithmetic of one pair of distinct positions (the split of the voters, the two probabilities).
/// </summary>
internal sealed partial class EumKernel
{
    /// <summary>
    /// Bytes of the pair tables for n actors at m distinct positions: six m×m tables of doubles (distances, three
    /// logarithms, the probabilities both ways), the vote table and its prefix sums ((n + 1)×m each), and three m×m
    /// tables of ints (walks, two splits).
    /// </summary>
    internal static long TableBytes(int n, int m)
    {
        long ms = (m + 3) & ~3;
        return 8 * (6 * ms * ms + 2 * (n + 1) * ms) + 4 * 3 * (long)m * m;
    }

    /// <summary>
    /// Row p of the round's pairs: the distances d(p, q) = |x_q − x_p|/R, P(x_p prevails over x_q) and P(x_q prevails
    /// over x_p) for every distinct position q (spans of length _ms; the padding lanes hold finite values no result
    /// reads). Streamed rows are cheapest in ascending p.
    /// </summary>
    private void Row(int p, out ReadOnlySpan<double> d, out ReadOnlySpan<double> prob, out ReadOnlySpan<double> probT)
    {
        int ms = _ms;
        if (_streaming)
        {
            StreamRow(p);
            d = _sD.AsSpan(0, ms);
            prob = _sP.AsSpan(0, ms);
            probT = _sPT.AsSpan(0, ms);
            return;
        }
        d = _tD.AsSpan(p * ms, ms);
        prob = _prob.AsSpan(p * ms, ms);
        probT = _probT.AsSpan(p * ms, ms);
    }

    /// <summary>d(a, b) and P(x_a prevails over x_b) for one pair of distinct positions.</summary>
    private void PairValues(int a, int b, out double d, out double p)
    {
        if (!_streaming)
        {
            d = _tD[a * _ms + b];
            p = _prob[a * _ms + b];
            return;
        }
        if (_streamRow == b && b != a)
        {
            d = _sD[a]; // |x_a − x_b| = |x_b − x_a| exactly
            p = _sPT[a];
            return;
        }
        StreamRow(a);
        d = _sD[b];
        p = _sP[b];
    }

    /// <summary>Whether the distinct position u is strictly nearer x_p than x_q.</summary>
    private bool NearerFirst(int u, int p, int q) => Math.Abs(_ux[u] - _ux[p]) < Math.Abs(_ux[u] - _ux[q]);

    /// <summary>
    /// For p &lt; q and e the last distinct position in [p, q) strictly nearer x_p than x_q: the first one strictly
    /// nearer x_q (e + 1, or e + 2 when e + 1 lies at equal distance from both). The voters strictly nearer x_p are the
    /// actors before <c>_ustart[e + 1]</c> in position order, those strictly nearer x_q the actors from
    /// <c>_ustart[f]</c> on, so each side's vote total is a difference of prefix sums.
    /// </summary>
    private int FirstNearerSecond(int e, int p, int q)
    {
        int f = e + 1;
        if (f < q && !NearerFirst(f, q, p)) f++;
        return f;
    }

    /// <summary>
    /// P(x_p prevails over x_q) and P(x_q prevails over x_p) from the votes for each side (clamped at 0): over the
    /// all-pairs denominator (reference code), or over their sum (Scholz eq. 31; ½ each when nobody prefers either).
    /// </summary>
    private (double Ppq, double Pqp) PairProbabilities(double npq, double nqp)
    {
        if (npq < 0) npq = 0;
        if (nqp < 0) nqp = 0;
        if (_opt.Variant.Probability == ProbabilityRule.AllPairs)
        {
            double den = _denominator;
            return (den > 0 ? npq / den : 0.0, den > 0 ? nqp / den : 0.0);
        }
        double sum = npq + nqp;
        return (sum > 0 ? npq / sum : 0.5, sum > 0 ? nqp / sum : 0.5);
    }

    /// <summary>The probability of a position against itself: 0 under the all-pairs denominator, else ½.</summary>
    private double SelfProbability => _opt.Variant.Probability == ProbabilityRule.AllPairs ? 0.0 : 0.5;
}
