namespace Parley.Core.Models.Exchange;

/// <summary>Small formulas of the equal-gain exchange (Stokman &amp; Van Oosten 1994), in decide's exact arithmetic.</summary>
internal static class ExchangeMath
{
    /// <summary>Moves and gains at or below this are treated as no move (decide compares with the float 1e-10).</summary>
    public static readonly ContextDecimal Negligible = ContextDecimal.ExactFromDouble(1e-10);

    /// <summary>decide builds its update weights from binary floats (<c>Decimal(0.4)</c>, <c>Decimal(0.1)</c>): these exact values.</summary>
    public static readonly ContextDecimal SalienceWeight = ContextDecimal.ExactFromDouble(0.4);

    public static readonly ContextDecimal FixedWeight = ContextDecimal.ExactFromDouble(0.1);

    public static readonly ContextDecimal Hundred = 100;

    public static ContextDecimal Add(ContextDecimal a, ContextDecimal b) => a + b;
    public static ContextDecimal Sub(ContextDecimal a, ContextDecimal b) => a - b;
    public static ContextDecimal Mul(ContextDecimal a, ContextDecimal b) => a * b;
    public static ContextDecimal Div(ContextDecimal a, ContextDecimal b) => a / b;

    /// <summary>The "exchange ratio": how far a move Δx of one actor shifts the issue's outcome, Δx·s·c / Σ c·s.</summary>
    public static ContextDecimal Ratio(ContextDecimal deltaX, ContextDecimal salience, ContextDecimal power, ContextDecimal denominator) =>
        denominator == 0 ? 0 : Div(Mul(Mul(deltaX, salience), power), denominator);

    /// <summary>The partner's outcome shift that gives both the same gain: ΔO_other = ΔO_own · (s_i + s_j on own) / (s_i + s_j on other).</summary>
    public static ContextDecimal PartnerRatio(ExchangeSide supplier, ContextDecimal ratio)
    {
        var d = supplier.Other;
        ContextDecimal num = Add(supplier.SupplySalience, d.DemandSalience);
        ContextDecimal den = Add(supplier.DemandSalience, d.SupplySalience);
        return den == 0 ? 0 : Mul(Div(num, den), ratio);
    }

    /// <summary>The move of a supplier that shifts its supply issue's outcome by <paramref name="ratio"/>.</summary>
    public static ContextDecimal MoveFor(ContextDecimal ratio, ExchangeSide side, ContextDecimal denominator)
    {
        ContextDecimal w = Mul(side.SupplyPower, side.SupplySalience);
        return w == 0 ? 0 : Div(Mul(ratio, denominator), w);
    }

    /// <summary>decide's end-of-round update: x' = x + (y − x)(0.4(1 − s) + 0.1), with its float-born weights.</summary>
    public static ContextDecimal NewPreference(ContextDecimal salience, ContextDecimal x, ContextDecimal y)
    {
        ContextDecimal swv = Mul(Mul(Sub(1, salience), SalienceWeight), y);
        ContextDecimal fwv = Mul(FixedWeight, y);
        ContextDecimal pv = Mul(Sub(Sub(1, Mul(Sub(1, salience), SalienceWeight)), FixedWeight), x);
        return Add(Add(swv, fwv), pv);
    }
}

/// <summary>
/// The state of one round: every actor's preference (0–100 per issue), salience and power, and each issue's
/// weighted-mean outcome and weight Σ c·s. Only actor–issue pairs with a salience above zero take part.
/// </summary>
internal sealed class ExchangeBoard
{
    private readonly ContextDecimal[,] _position;
    private readonly ContextDecimal[,] _salience;
    private readonly ContextDecimal[,] _power;
    private readonly bool[,] _present;
    private readonly ContextDecimal[,] _weighted;
    private readonly ContextDecimal[] _denominator;
    private readonly ContextDecimal[] _outcome;

    public ExchangeBoard(ContextDecimal[,] position, ContextDecimal[,] salience, ContextDecimal[,] power, bool[,] present)
    {
        _position = position;
        _salience = salience;
        _power = power;
        _present = present;
        ActorCount = position.GetLength(0);
        IssueCount = position.GetLength(1);
        _weighted = new ContextDecimal[ActorCount, IssueCount];
        _denominator = new ContextDecimal[IssueCount];
        _outcome = new ContextDecimal[IssueCount];
        for (int k = 0; k < IssueCount; k++)
        {
            ContextDecimal w = 0, wx = 0;
            for (int a = 0; a < ActorCount; a++)
            {
                if (!present[a, k]) continue;
                w = ExchangeMath.Add(w, ExchangeMath.Mul(salience[a, k], power[a, k]));
                _weighted[a, k] = Weighted(position[a, k], salience[a, k], power[a, k]);
                wx = ExchangeMath.Add(wx, _weighted[a, k]);
            }
            _denominator[k] = w;
            _outcome[k] = w == 0 ? 0 : ExchangeMath.Div(wx, w);
        }
    }

    public int ActorCount { get; }
    public int IssueCount { get; }

    /// <summary>Where candidates report near-landing cap decisions (tests only).</summary>
    public CapTrace? Trace { get; init; }

    public bool Has(int actor, int issue) => _present[actor, issue];
    public ContextDecimal Position(int actor, int issue) => _position[actor, issue];
    public ContextDecimal Salience(int actor, int issue) => _salience[actor, issue];
    public ContextDecimal Power(int actor, int issue) => _power[actor, issue];
    public ContextDecimal Denominator(int issue) => _denominator[issue];
    public ContextDecimal Outcome(int issue) => _outcome[issue];

    /// <summary>Left of (or on) the issue's outcome.</summary>
    public bool IsLeft(int actor, int issue) => _position[actor, issue] <= _outcome[issue];

    /// <summary>The issue's outcome with some votes replaced (third-party updates, then the mover's own vote).</summary>
    public ContextDecimal OutcomeWith(int issue, IReadOnlyDictionary<int, ContextDecimal> updates, int mover, ContextDecimal moverPosition)
    {
        ContextDecimal w = _denominator[issue];
        if (w == 0) return 0;
        ContextDecimal wx = 0;
        for (int a = 0; a < ActorCount; a++)
        {
            if (!_present[a, issue]) continue;
            ContextDecimal term = a == mover ? Weighted(moverPosition, _salience[a, issue], _power[a, issue])
                : updates.TryGetValue(a, out var u) ? Weighted(u, _salience[a, issue], _power[a, issue])
                : _weighted[a, issue];
            wx = ExchangeMath.Add(wx, term);
        }
        return ExchangeMath.Div(wx, w);
    }

    /// <summary>
    /// How far the mover must move from <paramref name="moverPosition"/> for the issue's outcome (with the updates) to
    /// land on <paramref name="target"/>: (target − current outcome)·Σcs / (c·s). decide computes it the same way
    /// (its <c>adjusted_nbs_by_position</c>, where the deep copy makes the mover count in the current outcome).
    /// </summary>
    public ContextDecimal MoveToReach(int issue, IReadOnlyDictionary<int, ContextDecimal> updates, int mover, ContextDecimal moverPosition, ContextDecimal target)
    {
        ContextDecimal wx = 0;
        for (int a = 0; a < ActorCount; a++)
        {
            if (!_present[a, issue]) continue;
            ContextDecimal term = updates.TryGetValue(a, out var u) ? Weighted(u, _salience[a, issue], _power[a, issue])
                : a == mover ? Weighted(moverPosition, _salience[a, issue], _power[a, issue])
                : _weighted[a, issue];
            wx = ExchangeMath.Add(wx, term);
        }
        ContextDecimal cs = ExchangeMath.Mul(_salience[mover, issue], _power[mover, issue]);
        return cs == 0 ? 0 : ExchangeMath.Div(ExchangeMath.Sub(ExchangeMath.Mul(target, _denominator[issue]), wx), cs);
    }

    /// <summary>x·s·c, rounded after each product as decide's expression is.</summary>
    private static ContextDecimal Weighted(ContextDecimal x, ContextDecimal s, ContextDecimal c) => ExchangeMath.Mul(ExchangeMath.Mul(x, s), c);
}
