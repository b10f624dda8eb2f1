namespace Parley.Core.Domain;

/// <summary>
/// What happens on an issue when no proposal is agreed (the Romer–Rosenthal reversion point), when it is not simply the
/// status quo: the outcome on failure (<see cref="Point"/>; null = the status quo) and what failing costs each actor,
/// in the scale units (<see cref="Cost"/> for all, <see cref="Costs"/> per actor). An actor at distance d from
/// the reversion point values failure like an outcome at distance d + cost: a summit that fails to agree a text is
/// worse for everyone than the standing text itself. Used by the procedural (consensus) and Nash models.
/// </summary>
public sealed record Reversion
{
    public Reversion(double? point = null, double cost = 0, IReadOnlyDictionary<ActorId, double>? costs = null)
    {
        if (point is { } p && InputBounds.Magnitude(p) is { } far) throw new ArgumentException($"reversion point {far}.");
        if (InputBounds.Weight(cost) is { } bad) throw new ArgumentException($"reversion cost {bad} ({InputBounds.WeightAllowed}).");
        foreach (var (actor, c) in costs ?? new Dictionary<ActorId, double>())
            if (InputBounds.Weight(c) is { } wrong)
                throw new ArgumentException($"reversion cost of '{actor}' {wrong} ({InputBounds.WeightAllowed}).");
        Point = point;
        Cost = cost;
        Costs = costs ?? new Dictionary<ActorId, double>();
    }

    /// <summary>The outcome if nothing is agreed; null = the status quo.</summary>
    public double? Point { get; init; }

    /// <summary>The cost of failure to every actor not in <see cref="Costs"/> (scale units, ≥ 0).</summary>
    public double Cost { get; init; }

    /// <summary>Per-actor costs of failure, overriding <see cref="Cost"/>.</summary>
    public IReadOnlyDictionary<ActorId, double> Costs { get; init; }

    /// <summary>The cost of failure to one actor.</summary>
    public double CostFor(ActorId actor) => Costs.TryGetValue(actor, out var c) ? c : Cost;

    /// <summary>True when failure is simply the status quo at no cost (the default, as if no reversion were given).</summary>
    public bool IsStatusQuo => Point is null && Cost == 0 && Costs.Values.All(c => c == 0);
}
