namespace Parley.Core.Models.ExpectedUtility.Reference;

/// <summary>
/// The expected utility model's <c>reference</c> variant written as its specification, straight from the equations
/// and with no care for speed: every vote summed, every expected utility evaluated pair by pair, O(n³) per
/// probability. <see cref="EumKernel"/> computes the same numbers fast; tests hold the two together (to rounding, as
/// this class uses <see cref="Math.Pow"/> and sums in input order).
/// <para>
/// Sources: Bueno de Mesquita (1985) "The war trap revisited", APSR 79(1):156–177 (utilities and risk);
/// Bueno de Mesquita (1994) "Political forecasting: an expected utility method" and (1997) "A decision making model:
/// its structure and form", International Interactions 23(3–4):235–266 (the model); Scholz, Calbert &amp; Smith
/// (2011) "Unravelling Bueno de Mesquita's group decision model", ICAART 2011, pp. 18–30, whose equation numbers
/// are cited below, and the code that reproduces their tables, whose choices define the reference variant
/// (docs/eum.md, docs/decisions.md): votes weighted by the voter's risk exponent, the all-pairs denominator, Q = 1,
/// both expected utilities of a dyad valued with the receiver's exponent, compromises ranked by the EU-weighted
/// position, no capitulation, ties to the first proposer in input order.
/// </para>
/// </summary>
internal sealed class NaiveEum
{
    private readonly double[] _x, _c, _s, _r;
    private readonly double _range;

    /// <param name="positions">x_i on the scale.</param>
    /// <param name="capabilities">c_i.</param>
    /// <param name="saliences">s_i in 0–1.</param>
    public NaiveEum(double[] positions, double[] capabilities, double[] saliences)
    {
        _x = (double[])positions.Clone();
        _c = (double[])capabilities.Clone();
        _s = (double[])saliences.Clone();
        _r = new double[positions.Length];
        Array.Fill(_r, 1.0);
        // R, the range of the initial positions, normalises every distance for the whole run (reference code).
        _range = positions.Max() - positions.Min();
    }

    private int N => _x.Length;

    /// <summary>The current positions.</summary>
    public IReadOnlyList<double> Positions => _x;

    /// <summary>
    /// Voter k's vote for a over b: c_k s_k (|x_k − b|^r_k − |x_k − a|^r_k) on distances normalised by R, positive
    /// when k is nearer a (Bueno de Mesquita 1994; Scholz eq. 30, with the voter's risk exponent as the reference code
    /// has it).
    /// </summary>
    private double Vote(int k, double a, double b) =>
        _c[k] * _s[k] * (Math.Pow(Math.Abs(_x[k] - b) / _range, _r[k]) - Math.Pow(Math.Abs(_x[k] - a) / _range, _r[k]));

    /// <summary>
    /// P(x_i prevails over x_j): the votes for x_i over x_j (the positive ones) over the sum of the magnitudes of every
    /// voter's votes over every ordered pair of actors' positions (the reference code's denominator; Scholz eq. 31
    /// divides by the dyad's votes instead). 0 for a position against itself.
    /// </summary>
    public double Probability(double xi, double xj)
    {
        if (xi == xj) return 0.0;
        double all = 0, forI = 0;
        for (int k = 0; k < N; k++)
        {
            for (int a = 0; a < N; a++)
                for (int b = 0; b < N; b++)
                    all += Math.Abs(Vote(k, _x[a], _x[b]));
            forI += Math.Max(0, Vote(k, xi, xj));
        }
        return forI / all;
    }

    /// <summary>The utility transform 2 − 4·b^r of Bueno de Mesquita (1985, p. 158); the base is clamped at 0.</summary>
    private static double Utility(double b, double r) => 2 - 4 * Math.Pow(Math.Max(b, 0), r);

    /// <summary>
    /// E(U_ij) valued with r = r_<paramref name="valuer"/>: i challenges j and wins with probability P(x_i, x_j) if j
    /// resists (with probability s_j), succeeding U_s = U(0.5 − 0.5d) or failing U_f = U(0.5 + 0.5d), d = |x_i − x_j|/R;
    /// minus the value of not challenging, Q·U_sq with Q = 1 and U_sq = U(0.5) (Scholz eq. 23–26).
    /// </summary>
    private double ExpectedUtility(int valuer, int i, int j)
    {
        double p = Probability(_x[i], _x[j]), r = _r[valuer], d = Math.Abs(_x[i] - _x[j]) / _range;
        double us = Utility(0.5 - 0.5 * d, r), uf = Utility(0.5 + 0.5 * d, r), usq = Utility(0.5, r);
        return _s[j] * (p * us + (1 - p) * uf) + (1 - _s[j]) * us - 1.0 * usq;
    }

    /// <summary>
    /// One round: risk exponents from security levels, then every actor accepts its best offer and all move at once.
    /// Returns the new positions.
    /// </summary>
    public double[] Round()
    {
        ComputeRiskExponents();
        var next = (double[])_x.Clone();
        for (int i = 0; i < N; i++)
            if (BestOffer(i) is { } position) next[i] = position;
        next.CopyTo(_x, 0);
        return next;
    }

    /// <summary>
    /// With r = 1 for everybody, i's security level Sec_i = Σ_{j≠i} E(U_ji), what the others expect from challenging i
    /// (Scholz eq. 32); R_i = (2 Sec_i − max − min)/(max − min) (eq. 34) and r_i = (1 − R_i/3)/(1 + R_i/3) (eq. 33):
    /// the most exposed actor is the most risk-acceptant (r = 2), the safest the most risk-averse (r = 0.5).
    /// </summary>
    private void ComputeRiskExponents()
    {
        Array.Fill(_r, 1.0);
        var security = new double[N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                if (j != i) security[i] += ExpectedUtility(i, j, i);
        double max = security.Max(), min = security.Min();
        for (int i = 0; i < N; i++)
        {
            if (max == min) continue;
            double big = (2 * security[i] - max - min) / (max - min);
            _r[i] = (1 - big / 3) / (1 + big / 3);
        }
    }

    /// <summary>
    /// The offers i receives, as i sees each dyad with a = E(U_ij) and b = E(U_ji) both valued with r_i (Scholz
    /// Fig. 6): b &gt; a &gt; 0, a confrontation i expects to lose, moves i to x_j; a &lt; 0 &lt; b with |b| &gt; |a|, a
    /// compromise, moves i to x_i + (x_j − x_i)|a/b| (eq. 36). i accepts the nearest lost confrontation, else the
    /// compromise with the smallest (|a| x_i + |b| x_j)/(|a| + |b|); null when nobody makes an offer.
    /// </summary>
    private double? BestOffer(int i)
    {
        (double Key, double Position)? confrontation = null, compromise = null;
        for (int j = 0; j < N; j++)
        {
            if (_x[i] == _x[j]) continue;
            double a = ExpectedUtility(i, i, j), b = ExpectedUtility(i, j, i);
            if (b > a && a > 0)
            {
                double key = Math.Abs(_x[i] - _x[j]);
                if (confrontation is null || key < confrontation.Value.Key) confrontation = (key, _x[j]);
            }
            else if (b > 0 && 0 > a && b > Math.Abs(a))
            {
                double position = _x[i] + (_x[j] - _x[i]) * Math.Abs(a / b);
                double key = (Math.Abs(a) * _x[i] + Math.Abs(b) * _x[j]) / (Math.Abs(a) + Math.Abs(b));
                if (compromise is null || key < compromise.Value.Key) compromise = (key, position);
            }
        }
        return confrontation?.Position ?? compromise?.Position;
    }
}
