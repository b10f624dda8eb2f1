using Parley.Core.Domain;
using Parley.Core.Modelling;

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
/// decide (foarsitter/decide-exchange-model, equal-gain model). Works in exact ContextDecimal arithmetic on positions scaled
/// to 0–100 per issue, as decide does; reports on each issue's own scale.
/// </summary>
public sealed class EqualGainExchangeModel : IModel
{
    public ModelInfo Info { get; } = new(
        "exchange",
        "Stokman's equal-gain exchange of voting positions across pairs of issues (decide).",
        "Stokman & Van Oosten (1994), in Bueno de Mesquita & Stokman (eds), European Community Decision Making; " +
        "Dijkstra, Van Assen & Stokman (2008), J. Theoretical Politics 20(4)",
        IsDynamic: true,
        IsMultiIssue: true,
        Parameters:
        [
            new ModelParameter("rounds", "Rounds of exchange (1–1000).", "10"),
            new ModelParameter("ties", "Equal best gains: deterministic (decide's stable order) or random (seeded).", "deterministic"),
        ]);

    public void CheckSettings(ModelSettings settings)
    {
        settings.RejectUnknown(Info);
        Options(settings);
    }

    private static (int Rounds, TieBreak Ties) Options(ModelSettings settings) =>
        (settings.GetInt("rounds", 10, 1, 1000), settings.GetEnum("ties", TieBreak.Deterministic));

    public ScenarioResult Run(Scenario scenario, ModelSettings settings)
    {
        settings.RejectUnknown(Info);
        var (rounds, ties) = Options(settings);
        var issues = IssueModel.SelectIssues(scenario, settings).ToArray();
        var actors = scenario.Actors;
        int n = actors.Count, m = issues.Length;

        var position = new ContextDecimal[n, m];
        var salience = new ContextDecimal[n, m];
        var power = new ContextDecimal[n, m];
        var present = new bool[n, m];
        var notes = new List<string>();
        for (int k = 0; k < m; k++)
        for (int a = 0; a < n; a++)
        {
            var s = scenario.StanceOf(actors[a].Id, issues[k].Id);
            if (s is null || s.Salience <= 0) continue;
            present[a, k] = true;
            position[a, k] = ToWorking(issues[k].Scale, s.Position);
            salience[a, k] = Exact(s.Salience);
            power[a, k] = Exact(s.Capability ?? actors[a].Capability);
        }
        if (m < 2) notes.Add("one issue only: there is no second issue to trade, so no exchanges; the forecast is the weighted mean");

        var shocks = settings.Interventions.Where(iv => iv.AtRound > 0).ToArray();
        var simulated = ExchangeSimulation.Run(position, salience, power, present, rounds, ties, settings.Seed,
            shocks.Length == 0 ? null : (round, prefs, sal, pow, pres) => ApplyShocks(shocks, round, scenario, issues, prefs, sal, pow, pres));
        if (shocks.Length > 0)
            notes.Add("shocks: " + string.Join("; ", shocks.Select(iv => iv.ToString())) + " (each applied before that round's exchanges)");
        var results = new List<IssueResult>(m);
        for (int k = 0; k < m; k++)
            results.Add(IssueResultFor(k, issues, actors, simulated, position, present, notes));
        return new ScenarioResult(Info.Name, results);
    }

    /// <summary>
    /// Applies the interventions of a round before its exchanges: an actor leaves (takes part in nothing more), or its
    /// preference, salience (0 = stops trading the issue) or capability (power on every issue) changes.
    /// </summary>
    private static void ApplyShocks(Intervention[] shocks, int round, Scenario scenario, Issue[] issues,
        ContextDecimal[,] prefs, ContextDecimal[,] sal, ContextDecimal[,] pow, bool[,] present)
    {
        foreach (var iv in shocks.Where(iv => iv.AtRound == round))
        {
            int a = IndexOf(scenario.Actors, iv.Actor);
            if (a < 0) throw new ModelSettingException($"shock '{iv}': unknown actor '{iv.Actor}'");
            int k = iv.Issue is { } id ? Array.FindIndex(issues, i => i.Id == id) : -1;
            switch (iv.Kind)
            {
                case InterventionKind.Remove:
                    for (int j = 0; j < issues.Length; j++) present[a, j] = false;
                    break;
                case InterventionKind.SetCapability:
                    for (int j = 0; j < issues.Length; j++) pow[a, j] = Exact(iv.Value);
                    break;
                case InterventionKind.SetPosition when k >= 0 && present[a, k]:
                    prefs[a, k] = ToWorking(issues[k].Scale, Math.Clamp(iv.Value, issues[k].Scale.Min, issues[k].Scale.Max));
                    break;
                case InterventionKind.SetSalience when k >= 0:
                    sal[a, k] = Exact(Math.Clamp(iv.Value, 0, 1));
                    present[a, k] = present[a, k] && iv.Value > 0;
                    break;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<Actor> actors, ActorId id)
    {
        for (int a = 0; a < actors.Count; a++) if (actors[a].Id == id) return a;
        return -1;
    }

    /// <summary>decide's normalisation: (x − lower)·(100 / (upper − lower)).</summary>
    internal static ContextDecimal ToWorking(Scale scale, double x) =>
        ExchangeMath.Mul(ExchangeMath.Sub(Exact(x), Exact(scale.Min)),
            ExchangeMath.Div(100m, ExchangeMath.Sub(Exact(scale.Max), Exact(scale.Min))));

    /// <summary>The decimal a value was written as (shortest round-trip form), as decide reads it from the file.</summary>
    internal static ContextDecimal Exact(double x) => ContextDecimal.FromWritten(x);

    internal static double FromWorking(Scale scale, ContextDecimal v)
    {
        double x = scale.Min + (double)v * scale.Width / 100.0;
        return Math.Clamp(x, scale.Min, scale.Max);
    }

    private static ExchangeIssueResult IssueResultFor(int k, Issue[] issues, IReadOnlyList<Actor> actors,
        IReadOnlyList<SimulatedRound> simulated, ContextDecimal[,] initial, bool[,] present, List<string> notes)
    {
        var issue = issues[k];
        var scale = issue.Scale;
        var rounds = simulated.Select(r => new ExchangeRoundResult(
            r.Round,
            FromWorking(scale, r.PreferenceOutcome[k]),
            FromWorking(scale, r.VotingOutcome[k]),
            r.Trades.Where(t => t.SupplyI == k || t.SupplyJ == k).Select(t => Record(t, issues, actors)).ToArray())).ToArray();

        var trajectory = new List<TrajectoryPoint>(simulated.Count + 1)
        {
            new(0, Positions(k, scale, actors, initial, present), simulated.Count > 0 ? FromWorking(scale, simulated[0].PreferenceOutcome[k]) : 0),
        };
        trajectory.AddRange(simulated.Select(r =>
            new TrajectoryPoint(r.Round, Positions(k, scale, actors, r.PreferencesAfter, present), FromWorking(scale, r.VotingOutcome[k]))));

        return new ExchangeIssueResult(issue.Id, FromWorking(scale, simulated[^1].VotingOutcome[k]), rounds,
            Externalities(k, actors, simulated, present), trajectory, notes.Count > 0 ? notes.ToArray() : null);
    }

    private static ExchangeRecord Record(ExecutedTrade t, Issue[] issues, IReadOnlyList<Actor> actors) => new(
        t.Order,
        actors[t.ActorI].Id.Value,
        actors[t.ActorJ].Id.Value,
        issues[t.SupplyI].Id.Value,
        FromWorking(issues[t.SupplyI].Scale, t.FromI),
        FromWorking(issues[t.SupplyI].Scale, t.ToI),
        issues[t.SupplyJ].Id.Value,
        FromWorking(issues[t.SupplyJ].Scale, t.FromJ),
        FromWorking(issues[t.SupplyJ].Scale, t.ToJ),
        (double)t.Gain);

    private static IReadOnlyDictionary<string, double> Positions(int k, Scale scale, IReadOnlyList<Actor> actors,
        ContextDecimal[,] working, bool[,] present)
    {
        var d = new Dictionary<string, double>();
        for (int a = 0; a < actors.Count; a++)
            if (present[a, k]) d[actors[a].Id.Value] = FromWorking(scale, working[a, k]);
        return d;
    }

    private static IReadOnlyList<ActorExternality> Externalities(int k, IReadOnlyList<Actor> actors,
        IReadOnlyList<SimulatedRound> simulated, bool[,] present)
    {
        int n = actors.Count;
        var sums = new ContextDecimal[n, 5]; // own, inner+, inner−, outer+, outer−
        foreach (var r in simulated)
        foreach (var t in r.Trades)
        {
            if (t.P != k && t.Q != k) continue;
            for (int a = 0; a < n; a++)
            {
                ContextDecimal v = t.Externality[a, k];
                int slot = a == t.ActorI || a == t.ActorJ ? 0
                    : t.Inner[a] ? (v > 0 ? 1 : 2)
                    : (v > 0 ? 3 : 4);
                sums[a, slot] += v;
            }
        }
        var list = new List<ActorExternality>();
        for (int a = 0; a < n; a++)
        {
            if (!present[a, k]) continue;
            list.Add(new ActorExternality(actors[a].Id.Value, (double)sums[a, 0], (double)sums[a, 1], (double)sums[a, 2],
                (double)sums[a, 3], (double)sums[a, 4]));
        }
        return list;
    }
}
