using System.Globalization;
using Parley.Core.Models;

namespace Parley.Core.Models.Baselines;

/// <summary>The actors' utility over the issue: u_i(x) = −|x − x_i|^k.</summary>
public enum NashUtility
{
    /// <summary>k = 2 (the default): the |q| → ∞ limit is the compromise model (weighted mean).</summary>
    Quadratic,

    /// <summary>k = 1: the |q| → ∞ limit is the weighted median.</summary>
    Linear,
}

/// <summary>What to do with actors whose ideal point equals the status quo (no move makes them better off).</summary>
public enum StatusQuoActors
{
    /// <summary>The default: they block every move, so the feasible set is {q} and the solution is q.</summary>
    Pin,

    /// <summary>They are left out of the product and of the feasibility constraints (with a note).</summary>
    Exclude,
}

/// <summary>How a Nash bargaining solution was reached.</summary>
public enum NashOutcomeKind
{
    /// <summary>The maximiser of the weighted log-product inside a feasible interval with non-empty interior.</summary>
    Interior,

    /// <summary>Actors lie on both sides of q: every move hurts someone, the feasible set is {q}.</summary>
    Straddle,

    /// <summary>An actor's ideal equals q (under <see cref="StatusQuoActors.Pin"/>): the feasible set is {q}.</summary>
    PinnedByActorAtStatusQuo,

    /// <summary>No actor is left to bargain (all at q and excluded): the solution is q.</summary>
    NoBargainers,
}

/// <summary>
/// One solution of the generalised Nash bargaining problem on a line.
/// <see cref="FeasibleLow"/>..<see cref="FeasibleHigh"/> is {x : u_i(x) ≥ u_i(q) for every bargaining actor}.
/// <see cref="Actors"/> lists the indices that explain a degenerate outcome (pinning or excluded actors).
/// </summary>
public readonly record struct NashSolution(double Point, NashOutcomeKind Kind, double FeasibleLow, double FeasibleHigh,
    IReadOnlyList<int> Actors, bool Unweighted);

/// <summary>The result of the Nash model on one issue: the forecast under the chosen utility, plus both utilities.</summary>
public sealed record NashResult : IssueResult
{
    /// <summary>The utility the forecast uses ("quadratic" or "linear").</summary>
    public required string Utility { get; init; }

    /// <summary>The solution with quadratic utilities (k = 2).</summary>
    public required double Quadratic { get; init; }

    /// <summary>The solution with linear utilities (k = 1).</summary>
    public required double Linear { get; init; }

    /// <summary>The disagreement point used, or null when the issue has none (then the limit models are used).</summary>
    public double? StatusQuo { get; init; }

    /// <summary>[low, high]: the points every bargaining actor weakly prefers to the status quo (null without one).</summary>
    public IReadOnlyList<double>? FeasibleSet { get; init; }

    /// <summary>"interior", "straddle", "pinned-by-actor-at-status-quo", "no-bargainers" or "no-status-quo".</summary>
    public required string Solution { get; init; }

    /// <summary>The reversion point used as disagreement point when the issue gives one (<c>reversion</c>); else null.</summary>
    public double? Reversion { get; init; }
}

/// <summary>
/// The generalised (asymmetric) Nash bargaining solution with the issue's status quo q as disagreement point:
/// x̂ = argmax over {x : u_i(x) ≥ u_i(q) ∀i} of Σ w_i ln(u_i(x) − u_i(q)), w_i = c_i s_i, u_i(x) = −|x − x_i|^k.
/// Sources: Nash (1950) Econometrica 18(2); Kalai (1977) Int. J. Game Theory 6(3) (asymmetric weights);
/// Achen (2006) and Schneider et al. (2010) in The European Union Decides (the DEU applications);
/// the limits (quadratic → weighted mean, linear → weighted median as |q| → ∞) are derived in docs/specs/baselines.md §3.3.
/// Degenerate inputs (actors straddling q, an actor at q, zero weights, no status quo) follow docs/decisions.md.
/// </summary>
public sealed class NashBargainingModel : IssueModel
{
    private static readonly ChoiceParameter<NashUtility> UtilitySetting =
        new("utility", "quadratic (u = −(x − x_i)²) or linear (u = −|x − x_i|); both are reported", NashUtility.Quadratic);

    private static readonly ChoiceParameter<StatusQuoActors> StatusQuoActorsSetting =
        new("status_quo_actors", "actors whose ideal is the status quo: pin (they block every move) or exclude", StatusQuoActors.Pin);

    public override ModelInfo Info { get; } = new(
        "nash",
        "Asymmetric Nash bargaining solution (weights c·s) with the status quo as disagreement point.",
        "Nash (1950) Econometrica 18(2); Kalai (1977) Int. J. Game Theory 6(3); Achen (2006), in Thomson et al. (eds), The European Union Decides, CUP",
        Parameters: [UtilitySetting, StatusQuoActorsSetting]);

    private static (NashUtility Utility, StatusQuoActors AtStatusQuo) Options(ModelSettings settings) =>
        (UtilitySetting.Read(settings), StatusQuoActorsSetting.Read(settings));

    public override IssueResult Run(IssueProblem problem, ModelSettings settings)
    {
        var (utility, atQ) = Options(settings);
        string utilityName = utility.ToString().ToLowerInvariant();

        if (problem.DisagreementPoint is not { } q)
        {
            double mean = CompromiseModel.WeightedMean(problem.Positions, problem.Capabilities, problem.Saliences);
            double median = WeightedMedianModel.LowerWeightedMedian(problem.Positions, problem.Capabilities, problem.Saliences);
            return new NashResult
            {
                Issue = problem.Issue.Id,
                Forecast = utility == NashUtility.Quadratic ? mean : median,
                Utility = utilityName,
                Quadratic = mean,
                Linear = median,
                Solution = "no-status-quo",
                Notes =
                [
                    .. CompromiseModel.AllWeightsZero(problem) ? [CompromiseModel.ZeroWeightsNote] : Array.Empty<string>(),
                    "The issue has no status quo, so there is no disagreement point: the forecast is the limit of the Nash " +
                    "solution as the status quo moves far away (quadratic: the weighted mean; linear: the weighted median).",
                ],
            };
        }

        var quadratic = Solve(problem, q, NashUtility.Quadratic, atQ);
        var linear = Solve(problem, q, NashUtility.Linear, atQ);
        var chosen = utility == NashUtility.Quadratic ? quadratic : linear;
        var notes = NotesFor(problem, chosen, q, atQ);
        if (problem.HasReversion)
            notes = [$"The disagreement point is the issue's reversion ({ReversionText(problem, q)}), not the status quo alone.", .. notes ?? []];
        bool stalled = chosen.Kind is NashOutcomeKind.Straddle or NashOutcomeKind.PinnedByActorAtStatusQuo;
        return new NashResult
        {
            Issue = problem.Issue.Id,
            Forecast = chosen.Point,
            Utility = utilityName,
            Quadratic = quadratic.Point,
            Linear = linear.Point,
            StatusQuo = problem.StatusQuo,
            Reversion = problem.HasReversion ? q : null,
            FeasibleSet = [chosen.FeasibleLow, chosen.FeasibleHigh],
            Solution = KindName(chosen.Kind),
            Convergence = stalled ? new Convergence(ConvergenceStatus.Gridlock, 0) : null,
            Notes = notes,
        };
    }

    private static string ReversionText(IssueProblem problem, double r)
    {
        string At(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        double lo = problem.FailureCosts.Min(), hi = problem.FailureCosts.Max();
        return $"point {At(r)}, cost of failure {(lo == hi ? At(lo) : $"{At(lo)} to {At(hi)}")}";
    }

    /// <summary>
    /// The solution for an issue problem against disagreement point <paramref name="r"/>: the status-quo form when
    /// failing costs nobody anything, else the form with costs of failure (<see cref="SolveWithCosts"/>).
    /// </summary>
    private static NashSolution Solve(IssueProblem problem, double r, NashUtility utility, StatusQuoActors atQ) =>
        problem.FailureCosts.All(c => c == 0)
            ? Solve(problem.Positions, problem.Capabilities, problem.Saliences, r, utility, atQ)
            : SolveWithCosts(problem.Positions, problem.Capabilities, problem.Saliences, r, problem.FailureCosts.ToArray(), utility, atQ);

    public override double Forecast(IssueProblem problem, ModelSettings settings)
    {
        var (utility, atQ) = Options(settings);
        if (problem.DisagreementPoint is not { } q)
            return utility == NashUtility.Quadratic
                ? CompromiseModel.WeightedMean(problem.Positions, problem.Capabilities, problem.Saliences)
                : WeightedMedianModel.LowerWeightedMedian(problem.Positions, problem.Capabilities, problem.Saliences);
        return Solve(problem, q, utility, atQ).Point;
    }

    private static string KindName(NashOutcomeKind kind) => kind switch
    {
        NashOutcomeKind.Interior => "interior",
        NashOutcomeKind.Straddle => "straddle",
        NashOutcomeKind.PinnedByActorAtStatusQuo => "pinned-by-actor-at-status-quo",
        _ => "no-bargainers",
    };

    private static IReadOnlyList<string>? NotesFor(IssueProblem problem, NashSolution s, double q, StatusQuoActors atQ)
    {
        var notes = new List<string>();
        string Names() => string.Join(", ", s.Actors.Select(problem.ActorKey).Order(StringComparer.Ordinal));
        string qText = q.ToString("G6", CultureInfo.InvariantCulture);
        if (s.Unweighted)
            notes.Add("Every actor has zero weight (capability × salience): all are weighted equally.");
        switch (s.Kind)
        {
            case NashOutcomeKind.Straddle:
                notes.Add($"Actors lie on both sides of the status quo {qText}: any move makes someone worse off than " +
                          "disagreement, so the solution is the status quo.");
                break;
            case NashOutcomeKind.PinnedByActorAtStatusQuo:
                notes.Add($"Actor(s) {Names()} hold the status quo {qText} as ideal point and gain from no move, so the " +
                          "solution is the status quo (setting status_quo_actors=exclude leaves them out).");
                break;
            case NashOutcomeKind.NoBargainers:
                notes.Add($"Every actor with weight holds the status quo {qText} as ideal point: the solution is the status quo.");
                break;
        }
        if (atQ == StatusQuoActors.Exclude && s.Kind != NashOutcomeKind.NoBargainers && s.Actors.Count > 0)
            notes.Add($"Actor(s) {Names()} hold the status quo as ideal point and were left out of the bargaining.");
        return notes.Count == 0 ? null : notes;
    }

    /// <summary>
    /// Solves the generalised Nash bargaining problem for one utility. The status quo may lie anywhere (also off the
    /// issue's scale). Actors with zero weight c·s are left out (they do not care, so they neither bargain nor block);
    /// when every weight is zero all actors weigh 1. The solution is accurate to about 1e-12 of the feasible width.
    /// </summary>
    public static NashSolution Solve(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences,
        double statusQuo, NashUtility utility = NashUtility.Quadratic, StatusQuoActors atStatusQuo = StatusQuoActors.Pin)
    {
        int n = positions.Length;
        if (n == 0) throw new ArgumentException("The Nash bargaining problem needs at least one actor.", nameof(positions));
        if (!double.IsFinite(statusQuo)) throw new ArgumentException($"The status quo must be finite (got {statusQuo}).", nameof(statusQuo));

        bool unweighted = true;
        for (int i = 0; i < n; i++)
            if (capabilities[i] * saliences[i] > 0) { unweighted = false; break; }

        // Bargaining actors in "distance from q along the side they lie on": y_i = |x_i − q| > 0.
        var ys = new List<double>(n);
        var ws = new List<double>(n);
        var atQ = new List<int>();
        bool below = false, above = false;
        for (int i = 0; i < n; i++)
        {
            double w = unweighted ? 1.0 : capabilities[i] * saliences[i];
            if (!(w > 0)) continue;
            double d = positions[i] - statusQuo;
            if (d == 0) { atQ.Add(i); continue; }
            if (d < 0) below = true; else above = true;
            ys.Add(Math.Abs(d));
            ws.Add(w);
        }

        var pinned = new NashSolution(statusQuo, NashOutcomeKind.PinnedByActorAtStatusQuo, statusQuo, statusQuo, atQ, unweighted);
        if (atQ.Count > 0 && atStatusQuo == StatusQuoActors.Pin) return pinned;
        if (ys.Count == 0) return pinned with { Kind = NashOutcomeKind.NoBargainers };
        if (below && above) return new NashSolution(statusQuo, NashOutcomeKind.Straddle, statusQuo, statusQuo, atQ, unweighted);

        double side = above ? 1.0 : -1.0;
        double t = MaximiseOnRay(ys.ToArray(), ws.ToArray(), utility == NashUtility.Quadratic ? 2 : 1, out double reach);
        double far = statusQuo + side * reach;
        return new NashSolution(statusQuo + side * t, NashOutcomeKind.Interior,
            Math.Min(statusQuo, far), Math.Max(statusQuo, far), atQ, unweighted);
    }

    /// <summary>
    /// The Nash bargaining problem when failing to agree costs actor i c_i ≥ 0 (scale units, <paramref name="costs"/>):
    /// failure is worth u_i at distance D_i = |x_i − r| + c_i, so the feasible set is the intersection of the intervals
    /// [x_i − D_i, x_i + D_i] (it contains r) and x̂ maximises Σ w_i ln(D_i^k − |x − x_i|^k) on it — strictly concave, so
    /// bisection on the sign of its right derivative finds it (for linear utility a kink at an actor's ideal that satisfies
    /// the optimality condition is returned exactly). With every c_i = 0 this is <see cref="Solve(ReadOnlySpan{double},
    /// ReadOnlySpan{double}, ReadOnlySpan{double}, double, NashUtility, StatusQuoActors)"/>. Actors with D_i = 0 (at r
    /// and failure costs them nothing) pin the solution at r, or are left out, as <paramref name="atStatusQuo"/> says.
    /// </summary>
    public static NashSolution SolveWithCosts(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences,
        double reversion, IReadOnlyList<double> costs, NashUtility utility = NashUtility.Quadratic,
        StatusQuoActors atStatusQuo = StatusQuoActors.Pin)
    {
        int n = positions.Length;
        if (n == 0) throw new ArgumentException("The Nash bargaining problem needs at least one actor.", nameof(positions));
        if (costs.Count != n) throw new ArgumentException("Costs of failure need one entry per actor.", nameof(costs));
        if (!double.IsFinite(reversion)) throw new ArgumentException($"The reversion point must be finite (got {reversion}).", nameof(reversion));

        bool unweighted = true;
        for (int i = 0; i < n; i++)
            if (capabilities[i] * saliences[i] > 0) { unweighted = false; break; }
        var xs = new List<double>(n);
        var ds = new List<double>(n);
        var ws = new List<double>(n);
        var atR = new List<int>();
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double w = unweighted ? 1.0 : capabilities[i] * saliences[i];
            if (!(w > 0)) continue;
            double d = Math.Abs(positions[i] - reversion) + costs[i];
            if (d == 0) { atR.Add(i); continue; }
            xs.Add(positions[i]);
            ds.Add(d);
            ws.Add(w);
            low = Math.Max(low, positions[i] - d);
            high = Math.Min(high, positions[i] + d);
        }
        var pinned = new NashSolution(reversion, NashOutcomeKind.PinnedByActorAtStatusQuo, reversion, reversion, atR, unweighted);
        if (atR.Count > 0 && atStatusQuo == StatusQuoActors.Pin) return pinned;
        if (xs.Count == 0) return pinned with { Kind = NashOutcomeKind.NoBargainers };
        // The intervals all contain r, so low ≤ r ≤ high; a single point means actors block both ways.
        low = Math.Min(low, reversion);
        high = Math.Max(high, reversion);
        if (!(high > low)) return new NashSolution(reversion, NashOutcomeKind.Straddle, reversion, reversion, atR, unweighted);

        double[] x = xs.ToArray(), dd = ds.ToArray(), ww = ws.ToArray();
        int k = utility == NashUtility.Quadratic ? 2 : 1;
        double Slope(double at, bool right) => Derivative(x, dd, ww, k, at, right);
        double lo = low, hi = high;
        for (int iter = 0; iter < 400; iter++)
        {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) break;
            if (Slope(mid, right: true) > 0) lo = mid; else hi = mid;
        }
        double point = lo + (hi - lo) / 2;
        if (k == 1)
        {
            double tolerance = 1e-9 * Math.Max(1.0, high - low);
            foreach (double kink in x)
                if (kink > low && kink < high && kink >= lo - tolerance && kink <= hi + tolerance
                    && Slope(kink, right: true) <= 0 && Slope(kink, right: false) >= 0)
                {
                    point = kink;
                    break;
                }
        }
        return new NashSolution(point, NashOutcomeKind.Interior, low, high, atR, unweighted);
    }

    /// <summary>
    /// All actors on one side of q at distances y_i &gt; 0: maximises F(t) = Σ w_i ln(y_i^k − |t − y_i|^k) over
    /// 0 &lt; t &lt; 2 min y (F is strictly concave there). The maximiser lies in [min y, min(max y, 2 min y)] because every
    /// term increases below min y and decreases above max y; bisection on the sign of the right derivative finds it,
    /// and for linear utility a kink (an actor's ideal) that satisfies the optimality condition is returned exactly.
    /// </summary>
    private static double MaximiseOnRay(double[] y, double[] w, int k, out double reach)
    {
        double yMin = y.Min(), yMax = y.Max();
        reach = 2 * yMin;
        double lo = yMin, hi = Math.Min(yMax, reach);
        if (!(hi > lo)) return lo;
        for (int iter = 0; iter < 400; iter++)
        {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) break;
            if (Derivative(y, w, k, mid, right: true) > 0) lo = mid; else hi = mid;
        }
        if (k == 1)
        {
            double tolerance = 1e-9 * Math.Max(1.0, yMax);
            foreach (double kink in y)
                if (kink >= lo - tolerance && kink <= hi + tolerance
                    && Derivative(y, w, k, kink, right: true) <= 0 && Derivative(y, w, k, kink, right: false) >= 0)
                    return kink;
        }
        return lo + (hi - lo) / 2;
    }

    /// <summary>One-sided derivative of F at t (right or left; they differ only at a kink of linear utility).</summary>
    private static double Derivative(double[] y, double[] w, int k, double t, bool right) => Derivative(y, y, w, k, t, right);

    /// <summary>
    /// One-sided derivative at t of Σ w_i ln(D_i^k − |t − x_i|^k), actor i centred at x_i (<paramref name="centre"/>)
    /// with radius D_i (<paramref name="radius"/>): on a ray from q, x_i = D_i = y_i.
    /// </summary>
    private static double Derivative(double[] centre, double[] radius, double[] w, int k, double t, bool right)
    {
        double sum = 0;
        for (int i = 0; i < centre.Length; i++)
        {
            double offset = t - centre[i];
            double a = Math.Abs(offset);
            double sign = offset > 0 ? 1 : offset < 0 ? -1 : right ? 1 : -1;
            // d/dt ln(D^k − a^k): for k = 2 factorised as (D − a)(D + a) to avoid cancellation when q is far away.
            sum += k == 2
                ? w[i] * (-sign / (radius[i] - a) + sign / (radius[i] + a))
                : w[i] * (-sign / (radius[i] - a));
        }
        return sum;
    }
}
