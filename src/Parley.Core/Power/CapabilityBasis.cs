using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Core.Power;

/// <summary>
/// What an actor's capability means to the models. Bargaining power follows the decision rule as well as resources:
/// with capability = defence spending one NATO ally holds more than half the weight, yet under consensus every ally
/// holds the same veto. <see cref="Apply"/> rewrites a scenario's capabilities under the basis; the models then run
/// unchanged.
/// <list type="bullet">
/// <item><c>resources</c>: the capabilities as given (the default).</item>
/// <item><c>voting-power</c>: each actor's a priori power in the decision rule's voting game (<see cref="VotingPower"/>),
/// in percent; an issue with its own rule gets its own powers (as the stances' issue capabilities).</item>
/// <item><c>mix:α</c> (α in 0..1; <c>mix</c> = <c>mix:0.5</c>): the weighted geometric mean r̂^(1−α)·v̂^α of the
/// resource share r̂ and the power share v̂, in percent.</item>
/// </list>
/// </summary>
public abstract record CapabilityBasis
{
    private CapabilityBasis() { }

    /// <summary>The names a basis may be given by (for messages and help).</summary>
    public const string Allowed = "resources, voting-power, mix or mix:ALPHA (ALPHA in 0..1, the weight of voting power)";

    public static CapabilityBasis Resources { get; } = new ResourcesBasis();
    public static CapabilityBasis VotingPower { get; } = new VotingPowerBasis();
    public static CapabilityBasis Mix(double alpha = 0.5) => new MixBasis(alpha);

    /// <summary>
    /// The scenario with its capabilities under this basis (the scenario itself for <c>resources</c>); the copy's own
    /// <see cref="Scenario.CapabilityBasis"/> is unset, since its capabilities already are the basis's.
    /// </summary>
    public abstract Scenario Apply(Scenario scenario);

    /// <summary>Reads <c>resources</c>, <c>voting-power</c>, <c>mix</c> or <c>mix:ALPHA</c> (case-insensitive); null when it is none of them.</summary>
    public static CapabilityBasis? Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "resources": return Resources;
            case "voting-power": return VotingPower;
            case "mix": return Mix();
        }
        if (t.StartsWith("mix:", StringComparison.Ordinal)
            && double.TryParse(t[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha)
            && alpha is >= 0 and <= 1)
            return Mix(alpha);
        return null;
    }

    private sealed record ResourcesBasis : CapabilityBasis
    {
        public override Scenario Apply(Scenario scenario) => scenario;
        public override string ToString() => "resources";
    }

    private sealed record VotingPowerBasis : CapabilityBasis
    {
        public override Scenario Apply(Scenario scenario) => Rewrite(scenario, (_, power) => power, rangeOf: (_, _) => null);
        public override string ToString() => "voting-power";
    }

    /// <summary>The weighted geometric mean of resource and power shares; α = 1 is voting power, α = 0 the resources.</summary>
    public sealed record MixBasis : CapabilityBasis
    {
        public MixBasis(double alpha)
        {
            if (!double.IsFinite(alpha) || alpha < 0 || alpha > 1) throw new ArgumentException($"mix: α must lie in 0..1 (got {alpha})");
            Alpha = alpha;
        }

        public double Alpha { get; }

        public override Scenario Apply(Scenario scenario)
        {
            double total = scenario.Actors.Sum(a => a.Capability);
            double Mixed(double resource, double power) =>
                resource <= 0 ? 0 : 100 * Math.Pow(resource / total, 1 - Alpha) * Math.Pow(power / 100, Alpha);
            return Rewrite(scenario, (resource, power) => Mixed(resource, power),
                (range, power) => range is null ? null
                    : new InputRange(Mixed(range.Low, power), Mixed(range.High, power), range.Mode is { } m ? Mixed(m, power) : null));
        }

        public override string ToString() => Alpha == 0.5 ? "mix" : $"mix:{Alpha.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Rewrites every capability: the actor's (from the scenario's rule) and, on an issue with a rule of its own or a
    /// stance with an issue capability, the stance's. <paramref name="capability"/> maps (resource, power in percent)
    /// to the new capability; <paramref name="rangeOf"/> maps a capability range the same way (null drops it).
    /// </summary>
    private static Scenario Rewrite(Scenario scenario, Func<double, double, double> capability, Func<InputRange?, double, InputRange?> rangeOf)
    {
        var (power, _) = Power.VotingPower.Of(scenario.Actors, scenario.DecisionRule);
        double Percent(IReadOnlyDictionary<ActorId, double> p, ActorId id) => 100 * p[id];
        var actors = scenario.Actors.Select(a => a with
        {
            Capability = Math.Max(capability(a.Capability, Percent(power, a.Id)), double.Epsilon),
            CapabilityRange = rangeOf(a.CapabilityRange, Percent(power, a.Id)),
        }).ToArray();
        var issuePower = scenario.Issues.Where(i => i.DecisionRule is { } r && r != scenario.DecisionRule)
            .ToDictionary(i => i.Id, i => Power.VotingPower.Of(scenario.Actors, i.DecisionRule!).Power);
        var stances = scenario.Stances.Select(s =>
        {
            bool ownRule = issuePower.TryGetValue(s.Issue, out var p);
            if (!ownRule && s.Capability is null) return s;
            var resource = s.Capability ?? scenario.Actor(s.Actor).Capability;
            return s with { Capability = capability(resource, Percent(ownRule ? p! : power, s.Actor)) };
        }).ToArray();
        // the capabilities now are the basis's: the copy asks for no further rewriting
        var rewritten = scenario.With(actors: actors, stances: stances);
        return rewritten.CapabilityBasis is null ? rewritten : rewritten.WithCapabilityBasis(null);
    }
}
