namespace Parley.Core.Models.Exchange;

/// <summary>Small formulas of the equal-gain exchange (Stokman &amp; Van Oosten 1994), in decide's exact arithmetic.</summary>
internal static class ExchangeMath
{
    /// <summary>Moves and gains at or below this are treated as no move (decide: 1e-10).</summary>
    public const decimal Negligible = 0.0000000001m;

    /// <summary>
    /// decide builds its update weights from binary floats (<c>Decimal(0.4)</c>, <c>Decimal(0.1)</c>); these are those
    /// values to decimal's precision, so the end-of-round update matches it to the last digit.
    /// </summary>
    public const decimal SalienceWeight = 0.4000000000000000222044604925m;

    public const decimal FixedWeight = 0.1000000000000000055511151231m;

    private static readonly UInt128 TenPow28 = UInt128.Parse("10000000000000000000000000000");

    /// <summary>
    /// Rounds to 28 significant digits, half to even: the precision of Python's default decimal context, which decide
    /// computes in. .NET's decimal keeps up to 29 digits; without this the last digit of an outcome that lands exactly
    /// on a position can fall on the other side than in decide and flip a later cap decision.
    /// </summary>
    public static decimal R(decimal v)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(v, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        if (mantissa < TenPow28) return v;
        int scale = (bits[3] >> 16) & 0xFF;
        return scale == 0 ? v : Math.Round(v, scale - 1, MidpointRounding.ToEven);
    }

    public static decimal Add(decimal a, decimal b) => R(a + b);
    public static decimal Sub(decimal a, decimal b) => R(a - b);
    public static decimal Mul(decimal a, decimal b) => R(a * b);
    public static decimal Div(decimal a, decimal b) => R(a / b);

    /// <summary>The "exchange ratio": how far a move Δx of one actor shifts the issue's outcome, Δx·s·c / Σ c·s.</summary>
    public static decimal Ratio(decimal deltaX, decimal salience, decimal power, decimal denominator) =>
        denominator == 0 ? 0 : Div(Mul(Mul(deltaX, salience), power), denominator);

    /// <summary>The partner's outcome shift that gives both the same gain: ΔO_other = ΔO_own · (s_i + s_j on own) / (s_i + s_j on other).</summary>
    public static decimal PartnerRatio(ExchangeSide supplier, decimal ratio)
    {
        var d = supplier.Other;
        decimal num = Add(supplier.SupplySalience, d.DemandSalience);
        decimal den = Add(supplier.DemandSalience, d.SupplySalience);
        return den == 0 ? 0 : Mul(Div(num, den), ratio);
    }

    /// <summary>The move of a supplier that shifts its supply issue's outcome by <paramref name="ratio"/>.</summary>
    public static decimal MoveFor(decimal ratio, ExchangeSide side, decimal denominator)
    {
        decimal w = Mul(side.SupplyPower, side.SupplySalience);
        return w == 0 ? 0 : Div(Mul(ratio, denominator), w);
    }

    /// <summary>decide's end-of-round update: x' = x + (y − x)(0.4(1 − s) + 0.1), with its float-born weights.</summary>
    public static decimal NewPreference(decimal salience, decimal x, decimal y)
    {
        decimal swv = Mul(Mul(Sub(1, salience), SalienceWeight), y);
        decimal fwv = Mul(FixedWeight, y);
        decimal pv = Mul(Sub(Sub(1, Mul(Sub(1, salience), SalienceWeight)), FixedWeight), x);
        return Add(Add(swv, fwv), pv);
    }
}

/// <summary>
/// The state of one round: every actor's preference (0–100 per issue), salience and power, and each issue's
/// weighted-mean outcome and weight Σ c·s. Only actor–issue pairs with a salience above zero take part.
/// </summary>
internal sealed class ExchangeBoard
{
    private readonly decimal[,] _position;
    private readonly decimal[,] _salience;
    private readonly decimal[,] _power;
    private readonly bool[,] _present;
    private readonly decimal[] _denominator;
    private readonly decimal[] _outcome;

    public ExchangeBoard(decimal[,] position, decimal[,] salience, decimal[,] power, bool[,] present)
    {
        _position = position;
        _salience = salience;
        _power = power;
        _present = present;
        ActorCount = position.GetLength(0);
        IssueCount = position.GetLength(1);
        _denominator = new decimal[IssueCount];
        _outcome = new decimal[IssueCount];
        for (int k = 0; k < IssueCount; k++)
        {
            decimal w = 0, wx = 0;
            for (int a = 0; a < ActorCount; a++)
            {
                if (!present[a, k]) continue;
                w = ExchangeMath.Add(w, ExchangeMath.Mul(salience[a, k], power[a, k]));
                wx = ExchangeMath.Add(wx, Weighted(position[a, k], salience[a, k], power[a, k]));
            }
            _denominator[k] = w;
            _outcome[k] = w == 0 ? 0 : ExchangeMath.Div(wx, w);
        }
    }

    public int ActorCount { get; }
    public int IssueCount { get; }

    public bool Has(int actor, int issue) => _present[actor, issue];
    public decimal Position(int actor, int issue) => _position[actor, issue];
    public decimal Salience(int actor, int issue) => _salience[actor, issue];
    public decimal Power(int actor, int issue) => _power[actor, issue];
    public decimal Denominator(int issue) => _denominator[issue];
    public decimal Outcome(int issue) => _outcome[issue];

    /// <summary>Left of (or on) the issue's outcome.</summary>
    public bool IsLeft(int actor, int issue) => _position[actor, issue] <= _outcome[issue];

    /// <summary>The issue's outcome with some votes replaced (third-party updates, then the mover's own vote).</summary>
    public decimal OutcomeWith(int issue, IReadOnlyDictionary<int, decimal> updates, int mover, decimal moverPosition)
    {
        decimal w = _denominator[issue];
        if (w == 0) return 0;
        decimal wx = 0;
        for (int a = 0; a < ActorCount; a++)
        {
            if (!_present[a, issue]) continue;
            decimal x = a == mover ? moverPosition : updates.TryGetValue(a, out var u) ? u : _position[a, issue];
            wx = ExchangeMath.Add(wx, Weighted(x, _salience[a, issue], _power[a, issue]));
        }
        return ExchangeMath.Div(wx, w);
    }

    /// <summary>
    /// How far the mover must move from <paramref name="moverPosition"/> for the issue's outcome (with the updates) to
    /// land on <paramref name="target"/>: (target − current outcome)·Σcs / (c·s). decide computes it the same way
    /// (its <c>adjusted_nbs_by_position</c>, where the deep copy makes the mover count in the current outcome).
    /// </summary>
    public decimal MoveToReach(int issue, IReadOnlyDictionary<int, decimal> updates, int mover, decimal moverPosition, decimal target)
    {
        decimal wx = 0;
        for (int a = 0; a < ActorCount; a++)
        {
            if (!_present[a, issue]) continue;
            decimal x = a == mover ? moverPosition : _position[a, issue];
            if (updates.TryGetValue(a, out var u)) x = u;
            wx = ExchangeMath.Add(wx, Weighted(x, _salience[a, issue], _power[a, issue]));
        }
        decimal cs = ExchangeMath.Mul(_salience[mover, issue], _power[mover, issue]);
        return cs == 0 ? 0 : ExchangeMath.Div(ExchangeMath.Sub(ExchangeMath.Mul(target, _denominator[issue]), wx), cs);
    }

    /// <summary>x·s·c, rounded after each product as decide's expression is.</summary>
    private static decimal Weighted(decimal x, decimal s, decimal c) => ExchangeMath.Mul(ExchangeMath.Mul(x, s), c);
}
