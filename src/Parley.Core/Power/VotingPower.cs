using System.Collections.Concurrent;
using Parley.Core.Domain;

namespace Parley.Core.Power;

/// <summary>
/// Each actor's a priori bargaining power under a decision rule, as a share (the actors' shares need not sum to 1;
/// only ratios matter to the models). Read from the rule's voting game:
/// <list type="bullet">
/// <item>players: the scenario's actors and any member of the rule's weight tables that is not an actor (an absent
/// member still votes, so it still dilutes the others' power);</item>
/// <item>consensus: every actor holds a veto, so everyone has the same power;</item>
/// <item>majority: more than half of the weights (every actor weighs 1 without a table);</item>
/// <item>qualified majority: the threshold share of the weights (and the second quota, when given);</item>
/// <item>an actor with <see cref="Actor.Veto"/> must be in every winning coalition (e.g. the Parliament under
/// co-decision);</item>
/// <item>power = the Shapley–Shubik index (see docs/decisions.md for why not Banzhaf);</item>
/// <item>an actor without a vote and without a veto (an agenda setter, a consulted parliament, a chair) gets the power
/// of the strongest voter — the strongest player with a weight in the rule, not a veto-only player — the DEU
/// compromise-model literature's convention for the Commission and the Parliament (as strong as the largest member);</item>
/// <item>a voter whose index is 0 (a dummy: no coalition ever needs it) gets 10⁻⁶ of the strongest voter's power,
/// since a capability must be positive.</item>
/// </list>
/// Games are cached by their content (the DEU data use a handful of Council regimes across hundreds of cases).
/// </summary>
public static class VotingPower
{
    /// <summary>A dummy voter's power relative to the strongest voter.</summary>
    public const double DummyFloor = 1e-6;

    private static readonly ConcurrentDictionary<string, PowerIndexResult> Cache = new();

    /// <summary>The power of each actor of <paramref name="actors"/> under <paramref name="rule"/>, and how it was computed.</summary>
    public static (IReadOnlyDictionary<ActorId, double> Power, string Method) Of(IReadOnlyList<Actor> actors, DecisionRule rule)
    {
        if (actors.Count == 0) throw new ArgumentException("no actors");
        if (rule is DecisionRule.Consensus)
            return (actors.ToDictionary(a => a.Id, _ => 1.0 / actors.Count), "consensus: every actor holds a veto, equal power");
        var (players, quotas) = Game(actors, rule);
        var vetoes = players.Select(p => actors.Any(a => a.Id == p && a.Veto == true)).ToArray();
        var game = new WeightedVotingGame(players.Count, quotas, vetoes);
        var result = Cache.GetOrAdd(Key(players, quotas, vetoes), _ => PowerIndices.Compute(game));
        var index = players.Select((p, k) => (p, k)).ToDictionary(t => t.p, t => result.ShapleyShubik[t.k]);
        // "the strongest voter": among the players with a weight in the rule (the member states), not the veto-only
        // players (a parliament under co-decision), whose power is of another kind
        var voters = Enumerable.Range(0, players.Count).Where(k => quotas.Any(q => q.Weights[k] > 0)).ToArray();
        double strongest = voters.Length > 0 ? voters.Max(k => result.ShapleyShubik[k]) : index.Values.Max();
        if (index.Values.Max() <= 0) // no coalition can win: nobody has power, so nobody has more than anyone else
            return (actors.ToDictionary(a => a.Id, _ => 1.0 / actors.Count), "no coalition can win the rule: equal power");
        var power = new Dictionary<ActorId, double>();
        for (int k = 0; k < players.Count; k++)
        {
            var id = players[k];
            if (!actors.Any(a => a.Id == id)) continue;
            power[id] = game.IsNonVoter(k) ? strongest : Math.Max(index[id], DummyFloor * strongest);
        }
        return (power, $"Shapley–Shubik index of the {RuleName(rule)} game, {result.Method}");
    }

    private static string RuleName(DecisionRule rule) => rule switch
    {
        DecisionRule.Majority => "majority",
        DecisionRule.QualifiedMajority { SecondThreshold: not null } => "double-majority",
        _ => "qualified-majority",
    };

    /// <summary>
    /// The players (the actors and the table members that are not actors, sorted by id so that the same game has the
    /// same key whatever the actors' order) and the quotas.
    /// </summary>
    private static (List<ActorId> Players, List<Quota> Quotas) Game(IReadOnlyList<Actor> actors, DecisionRule rule)
    {
        var (first, second) = rule switch
        {
            DecisionRule.Majority m => (m.Weights, null),
            DecisionRule.QualifiedMajority qm => (qm.Weights, qm.SecondWeights),
            _ => throw new ArgumentException($"no voting game for the rule {rule}"),
        };
        var players = actors.Select(a => a.Id).Concat(first?.Keys ?? []).Concat(second?.Keys ?? [])
            .Distinct().OrderBy(p => p.Value, StringComparer.Ordinal).ToList();
        IReadOnlyList<double> Weights(IReadOnlyDictionary<ActorId, double>? table) =>
            players.Select(p => table is null ? 1.0 : table.GetValueOrDefault(p)).ToArray();
        switch (rule)
        {
            case DecisionRule.Majority m:
                return (players, [new Quota(Weights(m.Weights), 0.5, Strict: true)]);
            case DecisionRule.QualifiedMajority qm:
                var quotas = new List<Quota> { new(Weights(qm.Weights), qm.Threshold) };
                if (qm.SecondThreshold is { } t2) quotas.Add(new Quota(Weights(qm.SecondWeights), t2));
                return (players, quotas);
            default:
                throw new ArgumentException($"no voting game for the rule {rule}");
        }
    }

    private static string Key(List<ActorId> players, List<Quota> quotas, bool[] vetoes) =>
        string.Join("|", players.Select((p, k) => $"{p.Value}:{(vetoes[k] ? "v" : "")}:{string.Join(",", quotas.Select(q => q.Weights[k].ToString("R")))}"))
        + "#" + string.Join(",", quotas.Select(q => $"{q.Share:R}{(q.Strict ? "s" : "")}"));
}
