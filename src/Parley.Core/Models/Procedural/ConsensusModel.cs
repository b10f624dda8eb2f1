using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;

namespace Parley.Core.Models.Procedural;

/// <summary>
/// A voting quota: a proposal passes this quota when its supporters' share of <see cref="Weights"/> reaches
/// <see cref="Share"/> (or, when <see cref="Strict"/>, exceeds it: a simple majority is "more than half").
/// </summary>
public sealed record Quota(IReadOnlyList<double> Weights, double Share, bool Strict = false);

/// <summary>Why the win-set ends where it does on one side of the status quo.</summary>
public enum WinSetBound
{
    /// <summary>Nothing bounds it (no veto holder and no quota constrains this side).</summary>
    None,

    /// <summary>A veto holder's indifference point (unanimity, or an explicit veto).</summary>
    Veto,

    /// <summary>The pivot of the first quota.</summary>
    Quota,

    /// <summary>The pivot of the second quota (e.g. the EU's population share).</summary>
    SecondQuota,
}

/// <summary>
/// The agenda-setter game on a line. <see cref="WinLow"/>..<see cref="WinHigh"/> is the win-set of the status quo
/// (every point the rule adopts against it, q included); <see cref="Pivot"/> is the actor whose indifference bounds
/// it on the setter's side (null on gridlock or when the setter's ideal is the status quo).
/// <see cref="LowPivot"/> and <see cref="HighPivot"/> are the bounding actors on each side of q.
/// </summary>
public readonly record struct ProceduralSolution(
    double Point, double WinLow, double WinHigh, bool Gridlock,
    int? Pivot, WinSetBound PivotBound, int? LowPivot, int? HighPivot);

/// <summary>The procedural model's result on one issue.</summary>
public sealed record ConsensusResult : IssueResult
{
    /// <summary>The decision rule in force ("consensus", "majority", "qualified-majority(0.65)").</summary>
    public required string Rule { get; init; }

    /// <summary>The agenda setter's actor id, or null when none holds a position on the issue (see the notes).</summary>
    public string? Setter { get; init; }

    /// <summary>The ideal point the setter proposes toward (its position, or the fallback in the notes).</summary>
    public required double SetterPosition { get; init; }

    /// <summary>The status quo, or null when the issue has none (then the forecast is the weighted median).</summary>
    public double? StatusQuo { get; init; }

    /// <summary>[low, high]: the points the rule adopts against the status quo, within the issue's scale.</summary>
    public IReadOnlyList<double>? WinSet { get; init; }

    /// <summary>True when no proposal can beat the status quo (the win-set is {q}).</summary>
    public required bool Gridlock { get; init; }

    /// <summary>The actor whose indifference bounds the win-set on the setter's side; null on gridlock.</summary>
    public string? PivotalActor { get; init; }

    /// <summary>What makes the pivotal actor pivotal: "veto", "quota" or "second-quota".</summary>
    public string? PivotalBy { get; init; }

    /// <summary>
    /// The reversion point the win-set is computed against when the issue gives one (<c>reversion</c>) that differs from
    /// the status quo at no cost; null = the status quo is the disagreement point.
    /// </summary>
    public double? Reversion { get; init; }

    /// <summary>Actors that would have blocked the forecast with their veto but opt out (accept with an exemption).</summary>
    public IReadOnlyList<string> OptedOut { get; init; } = [];
}

/// <summary>
/// The procedural (agenda-setter / veto player) model: the agenda setter proposes its preferred point in the
/// win-set of the status quo under the decision rule; members accept a proposal they weakly prefer to the status quo
/// (Euclidean preferences; saliences play no part). Unanimity gives every actor a veto, so actors on both sides of the
/// status quo mean gridlock; under (qualified) majority the pivot is the member at which the cumulative voting weight,
/// counted from the far side of the setter's direction, reaches the quota.
/// Sources: Romer &amp; Rosenthal (1978) Public Choice 33(4); Tsebelis &amp; Garrett (2000) European Union Politics 1(1);
/// Crombez (1996) European J. Political Research 29(2); Steunenberg &amp; Selck (2006), in Thomson et al. (eds),
/// The European Union Decides, CUP. Fallbacks (no setter, no status quo) are in docs/decisions.md.
/// </summary>
public sealed class ConsensusModel : IssueModel
{
    /// <summary>Relative slack with which a cumulative weight counts as reaching a quota (e.g. 2 of 3 at 2/3).</summary>
    private const double QuotaTolerance = 1e-12;

    public override ModelInfo Info { get; } = new(
        "consensus",
        "Agenda setter's best point in the win-set of the status quo under the decision rule (veto players, QMV pivot).",
        "Romer & Rosenthal (1978) Public Choice 33(4); Tsebelis & Garrett (2000) EUP 1(1); Crombez (1996) EJPR 29(2); Steunenberg & Selck (2006), in The European Union Decides, CUP");

    public override IssueResult Run(IssueProblem problem, ModelSettings settings)
    {
        var notes = new List<string>();
        string rule = problem.Rule.ToString();
        var (setterId, setterIdeal) = SetterIdeal(problem, notes);

        if (problem.DisagreementPoint is not { } q)
        {
            double median = WeightedMedianModel.LowerWeightedMedian(problem.Positions, problem.Capabilities, problem.Saliences);
            notes.Add("The issue has no status quo, so there is no reversion point for the agenda setter to beat: the forecast " +
                      "falls back to the capability × salience weighted median (the majority-rule core).");
            return new ConsensusResult
            {
                Issue = problem.Issue.Id, Forecast = median, Rule = rule, Setter = setterId,
                SetterPosition = setterIdeal, Gridlock = false, Notes = notes,
            };
        }

        var s = Solve(problem, q, setterIdeal);
        var scale = problem.Scale;
        string Key(int? i) => i is { } k ? problem.ActorKey(k) : "";
        string qText = q.ToString("G6", CultureInfo.InvariantCulture);
        string point = problem.HasReversion ? "reversion point" : "status quo";
        if (problem.HasReversion)
            notes.Add(ReversionNote(problem, q));
        if (s.Gridlock)
        {
            var blocks = new List<string>();
            if (q > scale.Min && s.LowPivot is { } lo) blocks.Add($"{Key(lo)} blocks any move below the {point} {qText}");
            if (q < scale.Max && s.HighPivot is { } hi) blocks.Add($"{Key(hi)} blocks any move above it");
            notes.Add(blocks.Count > 0
                ? $"Gridlock: {string.Join(" and ", blocks)}."
                : $"Gridlock: no proposal on either side of the {point} {qText} can pass.");
        }
        else if (setterIdeal == q)
        {
            notes.Add($"The agenda setter's ideal is the {point}: it proposes no change.");
        }
        else if (s.Point == q)
        {
            notes.Add($"No proposal on the setter's side of the {point} {qText} can pass; the setter keeps the {point}.");
        }
        var optedOut = OptingOut(problem, q, s.Point);
        if (optedOut.Count > 0)
            notes.Add($"Opted out (accept the outcome with an exemption rather than veto it): {string.Join(", ", optedOut)}.");
        return new ConsensusResult
        {
            Issue = problem.Issue.Id,
            Forecast = s.Point,
            Rule = rule,
            Setter = setterId,
            SetterPosition = setterIdeal,
            StatusQuo = problem.StatusQuo,
            Reversion = problem.HasReversion ? q : null,
            OptedOut = optedOut,
            Convergence = s.Gridlock ? new Convergence(ConvergenceStatus.Gridlock, 0) : null,
            WinSet = [Math.Max(scale.Min, s.WinLow), Math.Min(scale.Max, s.WinHigh)],
            Gridlock = s.Gridlock,
            PivotalActor = s.Pivot is { } p ? problem.ActorKey(p) : null,
            PivotalBy = s.Pivot is null ? null : s.PivotBound switch
            {
                WinSetBound.Veto => "veto",
                WinSetBound.Quota => "quota",
                WinSetBound.SecondQuota => "second-quota",
                _ => null,
            },
            Notes = notes.Count == 0 ? null : notes,
        };
    }

    public override double Forecast(IssueProblem problem, ModelSettings settings)
    {
        var (_, setterIdeal) = SetterIdeal(problem, null);
        return problem.DisagreementPoint is { } q
            ? Solve(problem, q, setterIdeal).Point
            : WeightedMedianModel.LowerWeightedMedian(problem.Positions, problem.Capabilities, problem.Saliences);
    }

    /// <summary>
    /// The setter's id and ideal point. Without a setter holding a position on the issue, the ideal is the
    /// capability × salience weighted mean: a neutral chair proposes the compromise, as far as the rule allows.
    /// </summary>
    private static (string? Id, double Ideal) SetterIdeal(IssueProblem problem, List<string>? notes)
    {
        if (problem.SetterIndex is { } k) return (problem.ActorKey(k), problem.Positions[k]);
        notes?.Add("No agenda setter holds a position on this issue: the proposal aims at the capability × salience " +
                   "weighted mean (the compromise), restricted to the win-set.");
        return (null, CompromiseModel.WeightedMean(problem.Positions, problem.Capabilities, problem.Saliences));
    }

    /// <summary>The reversion point and the costs of failure, as a note.</summary>
    private static string ReversionNote(IssueProblem problem, double r)
    {
        string At(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var costs = problem.FailureCosts.Distinct().ToArray();
        string cost = costs.Length == 1
            ? costs[0] == 0 ? "at no cost" : $"at a cost of {At(costs[0])} to every actor"
            : $"at a cost of {At(problem.FailureCosts.Min())} to {At(problem.FailureCosts.Max())} depending on the actor";
        string where = problem.Issue.Reversion?.Point is { } p && p != problem.StatusQuo ? $"reverts to {At(p)}" : "keeps the status quo";
        return $"Without agreement the issue {where}, {cost}: proposals are judged against that, not the status quo alone.";
    }

    /// <summary>
    /// The actors that hold a veto but may opt out and would not accept <paramref name="outcome"/> against the
    /// disagreement point <paramref name="r"/>: they accept it with an exemption instead of blocking it (ordinal order).
    /// </summary>
    private static List<string> OptingOut(IssueProblem problem, double r, double outcome)
    {
        var list = new List<string>();
        for (int k = 0; k < problem.Count; k++)
        {
            if (!problem.OptOuts[k] || !problem.HoldsVeto(k)) continue;
            double x = problem.Positions[k];
            if (Math.Abs(x - outcome) > Math.Abs(x - r) + problem.FailureCosts[k]) list.Add(problem.ActorKey(k));
        }
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>
    /// Solves the game for an issue problem against <paramref name="statusQuo"/> (the disagreement point): vetoes from
    /// the decision rule and the actors' declared vetoes (<see cref="IssueProblem.HoldsVeto"/>), less those who may opt
    /// out; quotas from the rule; each actor's cost of failure widens what it accepts.
    /// </summary>
    public static ProceduralSolution Solve(IssueProblem problem, double statusQuo, double setterIdeal)
    {
        int n = problem.Count;
        var vetoes = new bool[n];
        for (int i = 0; i < n; i++) vetoes[i] = problem.HoldsVeto(i) && !problem.OptOuts[i];
        var quotas = new List<Quota>();
        switch (problem.Rule)
        {
            case DecisionRule.Majority m:
                quotas.Add(new Quota(VotingWeights(problem, m.Weights), 0.5, Strict: true));
                break;
            case DecisionRule.QualifiedMajority qmv:
                quotas.Add(new Quota(VotingWeights(problem, qmv.Weights), qmv.Threshold));
                if (qmv.SecondThreshold is { } second)
                    quotas.Add(new Quota(VotingWeights(problem, qmv.SecondWeights), second));
                break;
        }
        var rank = Enumerable.Range(0, n).OrderBy(problem.ActorKey, StringComparer.Ordinal).ToArray();
        var tieRank = new int[n];
        for (int r = 0; r < n; r++) tieRank[rank[r]] = r;
        return Solve(problem.Positions, vetoes, quotas, statusQuo, setterIdeal, tieRank, problem.FailureCosts);
    }

    /// <summary>The rule's weight for each actor of the problem: missing from the table = 0, no table = 1 each.</summary>
    private static double[] VotingWeights(IssueProblem problem, IReadOnlyDictionary<ActorId, double>? table) =>
        problem.Actors.Select(a => table is null ? 1.0 : table.GetValueOrDefault(a.Id, 0.0)).ToArray();

    /// <summary>Unanimity: every member holds a veto.</summary>
    public static ProceduralSolution Unanimity(IReadOnlyList<double> positions, double statusQuo, double setterIdeal) =>
        Solve(positions, Enumerable.Repeat(true, positions.Count).ToArray(), [], statusQuo, setterIdeal);

    /// <summary>A (qualified) majority of equal-weight members reaching <paramref name="share"/> of them.</summary>
    public static ProceduralSolution QualifiedMajority(IReadOnlyList<double> positions, double share, double statusQuo, double setterIdeal) =>
        Solve(positions, new bool[positions.Count], [new Quota(Enumerable.Repeat(1.0, positions.Count).ToArray(), share)],
            statusQuo, setterIdeal);

    /// <summary>
    /// The agenda-setter game: members at <paramref name="positions"/> accept x when |x_k − x| ≤ |x_k − q|; a proposal
    /// passes when every veto holder accepts and every quota is met. Member k accepts every point between q and its
    /// reflection 2x_k − q (its "reach" on its own side; nothing on the other side), so on each side of q the win-set
    /// is an interval from q whose length is the smallest of: the veto holders' reaches, and per quota the reach of
    /// the pivot (members ordered by reach, far side first, until their cumulative weight meets the quota).
    /// The setter proposes the point of the win-set closest to its ideal. <paramref name="tieRank"/> orders actors
    /// with equal reach when naming the pivot (default: by index). With a cost of failure c_k (<paramref name="costs"/>,
    /// scale units, default 0) member k accepts x when |x_k − x| ≤ |x_k − q| + c_k: its reach grows by c_k on both
    /// sides of q (an actor at q no longer blocks every move when failing costs it something).
    /// </summary>
    public static ProceduralSolution Solve(IReadOnlyList<double> positions, IReadOnlyList<bool> vetoes, IReadOnlyList<Quota> quotas,
        double statusQuo, double setterIdeal, IReadOnlyList<int>? tieRank = null, IReadOnlyList<double>? costs = null)
    {
        int n = positions.Count;
        if (n == 0) throw new ArgumentException("The agenda-setter game needs at least one member.", nameof(positions));
        if (!double.IsFinite(statusQuo) || !double.IsFinite(setterIdeal))
            throw new ArgumentException("The status quo and the setter's ideal must be finite.");
        foreach (var quota in quotas)
            if (quota.Weights.Count != n) throw new ArgumentException("A quota needs one weight per member.", nameof(quotas));
        tieRank ??= Enumerable.Range(0, n).ToArray();
        costs ??= new double[n];
        if (costs.Count != n) throw new ArgumentException("Costs of failure need one entry per member.", nameof(costs));

        var (lowReach, lowPivot, lowBound) = Bound(positions, vetoes, quotas, statusQuo, -1, tieRank, costs);
        var (highReach, highPivot, highBound) = Bound(positions, vetoes, quotas, statusQuo, +1, tieRank, costs);
        double winLow = statusQuo - lowReach, winHigh = statusQuo + highReach;
        bool gridlock = lowReach == 0 && highReach == 0;

        if (setterIdeal == statusQuo || gridlock)
            return new ProceduralSolution(statusQuo, winLow, winHigh, gridlock, null, WinSetBound.None, lowPivot, highPivot);
        bool up = setterIdeal > statusQuo;
        double point = up ? Math.Min(setterIdeal, winHigh) : Math.Max(setterIdeal, winLow);
        return new ProceduralSolution(point, winLow, winHigh, false,
            up ? highPivot : lowPivot, up ? highBound : lowBound, lowPivot, highPivot);
    }

    /// <summary>How far the win-set reaches from q toward <paramref name="side"/> (±1), and which actor bounds it.</summary>
    private static (double Reach, int? Pivot, WinSetBound Bound) Bound(IReadOnlyList<double> positions, IReadOnlyList<bool> vetoes,
        IReadOnlyList<Quota> quotas, double q, int side, IReadOnlyList<int> tieRank, IReadOnlyList<double> costs)
    {
        int n = positions.Count;
        var reach = new double[n];
        for (int k = 0; k < n; k++) reach[k] = Math.Max(0.0, 2 * side * (positions[k] - q)) + costs[k];

        double best = double.PositiveInfinity;
        int? pivot = null;
        var bound = WinSetBound.None;
        void Consider(int k, WinSetBound why)
        {
            if (reach[k] < best || (reach[k] == best && pivot is { } p && why == bound && tieRank[k] < tieRank[p]))
            {
                best = reach[k];
                pivot = k;
                bound = why;
            }
        }

        for (int k = 0; k < n; k++)
            if (vetoes[k]) Consider(k, WinSetBound.Veto);

        var farFirst = Enumerable.Range(0, n).OrderByDescending(k => reach[k]).ThenBy(k => tieRank[k]).ToArray();
        for (int j = 0; j < quotas.Count; j++)
        {
            var quota = quotas[j];
            var why = j == 0 ? WinSetBound.Quota : WinSetBound.SecondQuota;
            if (quota.Share <= 0) continue; // vacuous
            double total = quota.Weights.Sum();
            double need = quota.Share * total;
            double cumulative = 0;
            bool reached = false;
            foreach (int k in farFirst)
            {
                cumulative += quota.Weights[k];
                reached = quota.Strict ? cumulative > need * (1 + QuotaTolerance) : cumulative >= need * (1 - QuotaTolerance);
                if (!reached) continue;
                Consider(k, why);
                break;
            }
            if (!reached || !(total > 0))
            {
                // The quota cannot be met even by every member (share above 1, or nobody holds voting weight).
                best = 0;
                pivot = null;
                bound = why;
            }
        }
        return (best, pivot, bound);
    }
}
