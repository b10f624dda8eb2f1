using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// Stokman's exchange model of voting positions with equal-gain exchanges, as implemented by decide.
/// Actors on opposite sides of the outcomes of two issues trade votes: the one that cares relatively more about an
/// issue gets the partner's vote moved toward it there and concedes on the other, in amounts that give both the same
/// utility gain; the best exchanges are executed first, the rest recalculated; after each round actors partly adopt
/// their votes as preferences. Sources: Stokman, F.N. &amp; Van Oosten, R. (1994) "The exchange of voting positions: an
/// object-oriented model of policy networks", in Bueno de Mesquita &amp; Stokman (eds), European Community Decision
/// Making, Yale UP, pp. 105–127; Dijkstra, J., Van Assen, M.A.L.M. &amp; Stokman, F.N. (2008) "Outcomes of collective
/// decisions with externalities predicted", Journal of Theoretical Politics 20(4):415–441; reference implementation
/// decide (foarsitter/decide-exchange-model, equal-gain model). Works on positions scaled to 0–100 per issue, as decide
/// does, and reports on each issue's own scale. Two arithmetics behind <see cref="IExchangeKernel"/>: double
/// (<see cref="FastExchangeKernel"/>, the default) and decide's 28-digit decimal context (<see cref="DecimalExchangeKernel"/>,
/// <c>arithmetic=decimal</c>), which reproduces decide exactly and is the reference the fast kernel is tested against.
/// </summary>
public sealed class EqualGainExchangeModel : IModel
{
    private static readonly IntParameter RoundsSetting = new("rounds", "Rounds of exchange (1–1000).", 10, 1, 1000);
    private static readonly ChoiceParameter<ExchangeTieBreak> TiesSetting = new("ties",
        "Equal best gains: deterministic (decide's stable order) or random (seeded).", ExchangeTieBreak.Deterministic);
    private static readonly ChoiceParameter<ExchangeArithmetic> ArithmeticSetting = new("arithmetic",
        "double (fast) or decimal (decide's 28-digit decimal context, exact but slow).", ExchangeArithmetic.Double);

    public ModelInfo Info { get; } = new(
        "exchange",
        "Stokman's equal-gain exchange of voting positions across pairs of issues (decide).",
        "Stokman & Van Oosten (1994), in Bueno de Mesquita & Stokman (eds), European Community Decision Making; " +
        "Dijkstra, Van Assen & Stokman (2008), J. Theoretical Politics 20(4)",
        IsDynamic: true,
        IsMultiIssue: true,
        Parameters: [RoundsSetting, TiesSetting, ArithmeticSetting]);

    public ScenarioResult Run(Scenario scenario, ModelSettings settings) => Run(scenario, settings, CancellationToken.None);

    /// <summary>The run, stopping with <see cref="OperationCanceledException"/> once <paramref name="cancellation"/> fires:
    /// checked before every round and within a round's formation and execution (a round at 1,000 actors takes seconds).</summary>
    public ScenarioResult Run(Scenario scenario, ModelSettings settings, CancellationToken cancellation)
    {
        settings.RejectUnknown(Info);
        int rounds = RoundsSetting.Read(settings);
        var (ties, arithmetic) = (TiesSetting.Read(settings), ArithmeticSetting.Read(settings));
        var issues = scenario.Issues.ToArray(); // every issue is traded; --issue only chooses what is shown
        var problem = Problem(scenario, issues, settings, rounds);
        var notes = new List<string>();
        if (issues.Length < 2) notes.Add("one issue only: there is no second issue to trade, so no exchanges; the forecast is the weighted mean");
        var shocks = settings.Interventions.Where(iv => iv.AtRound > 0).ToArray();
        if (shocks.Length > 0)
            notes.Add("shocks: " + string.Join("; ", shocks.Select(iv => iv.ToString())) + " (each applied before that round's exchanges)");

        var run = Kernel(arithmetic).Run(problem, rounds, ties, settings.Seed, cancellation);
        var convergence = ConvergenceOf(run);
        var results = new List<IssueResult>(issues.Length);
        for (int k = 0; k < issues.Length; k++)
            results.Add(IssueResultFor(k, issues, scenario.Actors, run, problem, notes, Unweighted(scenario, issues[k])) with { Convergence = convergence });
        return new ScenarioResult(Info.Name, IssueModel.Shown(results, settings));
    }

    /// <summary>
    /// For an issue nobody cares about (every salience 0; nobody can trade it): the outcome the model reports instead of
    /// the weighted mean, which is 0/0 there: the stated positions' plain mean, as the compromise model takes it.
    /// Null for every other issue; an issue without stances is refused.
    /// </summary>
    private double? Unweighted(Scenario scenario, Issue issue)
    {
        var stances = scenario.StancesOn(issue.Id);
        if (stances.Count == 0)
            throw new ModelRefusedException(Info.Name, $"issue '{issue.Id}' has no stances: nobody takes a position on it", issue.Id.Value);
        return Indifference.NobodyCares(scenario, issue) ? stances.Average(s => s.Position) : null;
    }

    private static readonly string NobodyCaresNote = Indifference.Note(
        "nobody can trade it, so it takes part in no exchange; the forecast is the plain mean of the stated positions (as in the compromise model)");

    /// <summary>
    /// How the run ended, the same for every issue (an exchange always trades two issues, so whether one remains is a
    /// property of the whole run): converged when the last round found no profitable exchange (nothing moves any more;
    /// <see cref="Convergence.Rounds"/> = the first round of the final stretch without exchanges), else stopped at the
    /// round cap with exchanges still being made.
    /// </summary>
    internal static Convergence ConvergenceOf(ExchangeRun run)
    {
        var rounds = run.Rounds;
        int quietFrom = rounds.Count;
        while (quietFrom > 0 && rounds[quietFrom - 1].Trades.Count == 0) quietFrom--;
        return quietFrom < rounds.Count
            ? new Convergence(ConvergenceStatus.Converged, rounds[quietFrom].Round)
            : new Convergence(ConvergenceStatus.RoundCap, rounds.Count);
    }

    internal static IExchangeKernel Kernel(ExchangeArithmetic arithmetic) => arithmetic switch
    {
        ExchangeArithmetic.Decimal => DecimalExchangeKernel.Instance,
        _ => FastExchangeKernel.Instance,
    };

    /// <summary>
    /// The run's inputs: each actor's stance on each issue (salience above zero), its power there (the stance's own
    /// capability, else the actor's), and the shocks of rounds 1..<paramref name="rounds"/> resolved to indices.
    /// </summary>
    internal static ExchangeProblem Problem(Scenario scenario, Issue[] issues, ModelSettings settings, int rounds)
    {
        var actors = scenario.Actors;
        int n = actors.Count, m = issues.Length;
        var shocks = new List<ExchangeShock>();
        foreach (var iv in settings.Interventions.Where(iv => iv.AtRound > 0 && iv.AtRound <= rounds))
        {
            int a = IndexOf(actors, iv.Actor);
            if (a < 0) throw new ModelSettingException($"shock '{iv}': unknown actor '{iv.Actor}'");
            int k = iv.Issue is { } id ? Array.FindIndex(issues, i => i.Id == id) : -1;
            shocks.Add(new ExchangeShock(iv.AtRound, iv.Kind, a, k, iv.Value));
        }
        var problem = new ExchangeProblem(n, issues.Select(i => i.Scale).ToArray()) { Shocks = shocks };
        for (int k = 0; k < m; k++)
        for (int a = 0; a < n; a++)
        {
            var s = scenario.StanceOf(actors[a].Id, issues[k].Id);
            if (s is null || s.Salience <= 0) continue;
            int i = a * m + k;
            problem.Present[i] = true;
            problem.Position[i] = s.Position;
            problem.Salience[i] = s.Salience;
            problem.Power[i] = s.Capability ?? actors[a].Capability;
        }
        return problem;
    }

    private static int IndexOf(IReadOnlyList<Actor> actors, ActorId id)
    {
        for (int a = 0; a < actors.Count; a++) if (actors[a].Id == id) return a;
        return -1;
    }

    internal static double FromWorking(Scale scale, double v)
    {
        double x = scale.Min + v * scale.Width / 100.0;
        return Math.Clamp(x, scale.Min, scale.Max);
    }

    private static ExchangeIssueResult IssueResultFor(int k, Issue[] issues, IReadOnlyList<Actor> actors, ExchangeRun run,
        ExchangeProblem problem, List<string> notes, double? unweighted)
    {
        var issue = issues[k];
        var scale = issue.Scale;
        double Outcome(double working) => unweighted ?? FromWorking(scale, working);
        if (unweighted is not null) notes = [.. notes, NobodyCaresNote];
        var simulated = run.Rounds;
        var rounds = simulated.Select(r => new ExchangeRoundResult(
            r.Round,
            Outcome(r.PreferenceOutcome[k]),
            Outcome(r.VotingOutcome[k]),
            r.Trades.Where(t => t.SupplyI == k || t.SupplyJ == k).Select(t => Record(t, issues, actors)).ToArray())).ToArray();

        var trajectory = new List<TrajectoryPoint>(simulated.Count + 1)
        {
            new(0, Positions(k, scale, actors, run.Initial, problem), simulated.Count > 0 ? Outcome(simulated[0].PreferenceOutcome[k]) : 0),
        };
        trajectory.AddRange(simulated.Select(r =>
            new TrajectoryPoint(r.Round, Positions(k, scale, actors, r.PreferencesAfter, problem), Outcome(r.VotingOutcome[k]))));

        return new ExchangeIssueResult(issue.Id, Outcome(simulated[^1].VotingOutcome[k]), rounds,
            Externalities(k, actors, run, problem), trajectory, notes.Count > 0 ? notes.ToArray() : null);
    }

    private static ExchangeRecord Record(TradeRecord t, Issue[] issues, IReadOnlyList<Actor> actors) => new(
        t.Order,
        actors[t.ActorI].Id.Value,
        actors[t.ActorJ].Id.Value,
        issues[t.SupplyI].Id.Value,
        FromWorking(issues[t.SupplyI].Scale, t.FromI),
        FromWorking(issues[t.SupplyI].Scale, t.ToI),
        issues[t.SupplyJ].Id.Value,
        FromWorking(issues[t.SupplyJ].Scale, t.FromJ),
        FromWorking(issues[t.SupplyJ].Scale, t.ToJ),
        t.Gain);

    private static IReadOnlyDictionary<string, double> Positions(int k, Scale scale, IReadOnlyList<Actor> actors,
        double[] working, ExchangeProblem problem)
    {
        var d = new Dictionary<string, double>();
        for (int a = 0; a < actors.Count; a++)
        {
            int i = a * problem.Issues + k;
            if (problem.Present[i]) d[actors[a].Id.Value] = FromWorking(scale, working[i]);
        }
        return d;
    }

    private static IReadOnlyList<ActorExternality> Externalities(int k, IReadOnlyList<Actor> actors, ExchangeRun run, ExchangeProblem problem)
    {
        int n = actors.Count;
        var list = new List<ActorExternality>();
        for (int a = 0; a < n; a++)
        {
            if (!problem.Present[a * problem.Issues + k]) continue;
            var e = run.Externality.AsSpan((k * n + a) * ExternalitySlot.Count, ExternalitySlot.Count);
            list.Add(new ActorExternality(actors[a].Id.Value, e[0], e[1], e[2], e[3], e[4]));
        }
        return list;
    }
}
