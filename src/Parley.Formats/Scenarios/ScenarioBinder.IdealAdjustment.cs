using Parley.Core.Domain;

namespace Parley.Formats.Scenarios;

internal sealed partial class ScenarioBinder
{
    private const string IdealWeightAllowed = "a number in 0..1: the share of the followed actor's position in the actor's ideal";

    /// <summary>
    /// <c>ideal_adjustment:</c> entries of the SMP's ideal-accommodation matrix, <c>{actor, follows, weight}</c>
    /// (KTAB's IdealAdjustment pairs): declared actors, weights in 0..1, each pair once, and each actor's weights
    /// (its own counting 1 unless given) summing to at most 1.
    /// </summary>
    private List<IdealAdjustment> BindIdealAdjustments(FieldMap top)
    {
        var result = new List<IdealAdjustment>();
        var list = top.List("ideal_adjustment", allowed: "a list of {actor: ID, follows: ID, weight: 0..1}");
        if (list is null) return result;
        var lastOf = new Dictionary<string, FieldMap>(StringComparer.Ordinal); // each actor's last entry, where a row error goes
        var seen = new Dictionary<(string, string), int>();
        for (int k = 0; k < list.Items.Count; k++)
        {
            var map = Item(list.Items[k], "ideal_adjustment", k, SchemaFields.IdealAdjustment, "{actor: ID, follows: ID, weight: 0..1}");
            if (map is null) continue;
            var actor = ActorReference(map, "actor");
            if (!map.Has("actor")) map.Require("actor", "an actor id: the actor whose ideal moves");
            var follows = ActorReference(map, "follows");
            if (!map.Has("follows")) map.Require("follows", "an actor id: the actor whose position it moves toward (may be itself)");
            var weight = map.Number("weight", required: true, IdealWeightAllowed);
            if (weight is { } w && (w < 0 || w > 1))
            {
                _context.Error(map.Get("weight")!, map.Field("weight"), $"weight {ScalarValues.Format(w)} lies outside 0..1", IdealWeightAllowed);
                weight = null;
            }
            if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(follows)) continue; // reported above or as unknown
            var line = map.Node.Start.Line;
            if (!seen.TryAdd((actor, follows), line))
            {
                _context.Error(map.Get("follows")!, map.Field("follows"),
                    $"duplicate ideal adjustment of '{actor}' toward '{follows}' (first given on line {seen[(actor, follows)]})", "each actor, follows pair once");
                continue;
            }
            if (weight is null) continue;
            lastOf[actor] = map;
            result.Add(new IdealAdjustment(new ActorId(actor), new ActorId(follows), weight.Value));
        }
        foreach (var (actor, last) in lastOf)
        {
            if (_actorsListed && !_actors.ContainsKey(actor)) continue; // reported as an unknown actor
            var (sum, ownGiven, ownRoom) = IdealAdjustment.Row(new ActorId(actor), result);
            if (sum <= 1 + IdealAdjustment.RowTolerance) continue;
            var total = IdealAdjustment.Format(sum);
            var room = IdealAdjustment.Format(ownRoom);
            _context.Error(last.Get("weight")!, last.Field("weight"),
                ownGiven
                    ? $"the ideal-adjustment weights of '{actor}' sum to {total}"
                    : $"the ideal-adjustment weights of '{actor}' sum to {total} (its own weight counts 1 unless given)",
                ownGiven
                    ? "at most 1 per actor, its own weight included"
                    : $"at most 1 per actor, its own weight included: add {{actor: {actor}, follows: {actor}, weight: {room}}} or less");
        }
        return result;
    }
}
