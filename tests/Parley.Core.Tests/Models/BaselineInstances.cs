using FsCheck;
using FsCheck.Fluent;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Core.Tests.Models;

/// <summary>
/// A random valid one-dimensional problem for the property tests: n in 2..40 actors on a 0..100 issue (half the
/// time on a coarse grid, so ties in position are common), capabilities in (0, 100], saliences in (0, 1] (a quarter
/// of the time all equal, so the weighted median often ties at exactly half), a status
/// quo anywhere in −100..200 (inside or outside the positions), a decision rule, an optional agenda setter, a
/// permutation of the actors and a positive factor for the capabilities.
/// </summary>
public sealed record BaselineInstance(
    double[] Positions, double[] Capabilities, double[] Saliences, double StatusQuo,
    DecisionRule Rule, int? Setter, bool[] Vetoes, int[] Permutation, double Factor)
{
    public int Count => Positions.Length;
    public static readonly Scale Scale = new(-100, 200, "points");

    public override string ToString() =>
        $"x=[{string.Join(", ", Positions)}] c=[{string.Join(", ", Capabilities)}] s=[{string.Join(", ", Saliences)}] " +
        $"q={StatusQuo} rule={Rule} setter={Setter} vetoes=[{string.Join(",", Vetoes.Select(v => v ? 1 : 0))}] " +
        $"perm=[{string.Join(",", Permutation)}] factor={Factor}";

    public static ActorId Id(int i) => new($"a{i:00}");

    /// <summary>The problem as given, or with the actors listed in <see cref="Permutation"/> order, or capabilities scaled.</summary>
    public IssueProblem Problem(bool permuted = false, double capabilityFactor = 1.0, double? statusQuo = double.NaN)
    {
        var order = permuted ? Permutation : Enumerable.Range(0, Count).ToArray();
        var actors = order.Select(i => new Actor(Id(i), $"actor {i}", Capabilities[i] * capabilityFactor, veto: Vetoes[i] ? true : null)).ToArray();
        double? q = statusQuo is { } v && double.IsNaN(v) ? StatusQuo : statusQuo;
        var issue = new Issue(new IssueId("issue"), "Issue", Scale, statusQuo: q);
        int? setter = Setter is { } s ? Array.IndexOf(order, s) : null;
        return new IssueProblem(issue, actors,
            order.Select(i => Positions[i]).ToArray(),
            order.Select(i => Saliences[i]).ToArray(),
            actors.Select(a => a.Capability).ToArray(),
            Rule, setter);
    }

    public double Min => Positions.Min();
    public double Max => Positions.Max();

    private static Gen<DecisionRule> RuleGen(int n) =>
        from kind in Gen.Choose(0, 3)
        from threshold in Gen.Choose(50, 100).Select(t => t / 100.0)
        from second in Gen.Choose(50, 100).Select(t => t / 100.0)
        from weights in Gen.Choose(0, 30).Select(w => (double)w).ArrayOf(n)
        from population in Gen.Choose(1, 1000).Select(w => (double)w).ArrayOf(n)
        select kind switch
        {
            0 => (DecisionRule)new DecisionRule.Consensus(),
            1 => new DecisionRule.Majority(),
            2 => new DecisionRule.QualifiedMajority(threshold, Table(weights)),
            _ => new DecisionRule.QualifiedMajority(threshold, Table(weights), second, Table(population)),
        };

    private static Dictionary<ActorId, double> Table(double[] w) =>
        w.Select((v, i) => (Id(i), v)).ToDictionary(p => p.Item1, p => p.v);

    public static Gen<BaselineInstance> Generator =>
        from n in Gen.Choose(2, 40)
        from grid in Gen.Elements(true, false)
        from positions in (grid
            ? Gen.Choose(0, 10).Select(i => i * 10.0)
            : Gen.Choose(0, 1_000_000).Select(i => i / 10_000.0)).ArrayOf(n)
        from equal in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from c in Gen.Choose(1, 100_000).Select(i => i / 1000.0).ArrayOf(n)
        from sal in Gen.Choose(1, 1000).Select(i => i / 1000.0).ArrayOf(n)
        let capabilities = equal ? c.Select(_ => c[0]).ToArray() : c
        let saliences = equal ? sal.Select(_ => sal[0]).ToArray() : sal
        from q in Gen.Frequency(
            (2, Gen.Elements(positions)),
            (3, Gen.Choose(-200, 400).Select(i => i / 2.0)))
        from rule in RuleGen(n)
        from setter in Gen.Frequency(
            (4, Gen.Choose(0, n - 1).Select(i => (int?)i)),
            (1, Gen.Constant((int?)null)))
        from vetoes in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true))).ArrayOf(n)
        from permutation in Gen.Shuffle(Enumerable.Range(0, n).ToArray())
        from factor in Gen.Elements(1e-3, 0.37, 3.0, 1000.0, 1e6)
        select new BaselineInstance(positions, capabilities, saliences, q, rule, setter, vetoes, permutation, factor);

    public static Arbitrary<BaselineInstance> Arbitrary => Generator.ToArbitrary();

    /// <summary>Runs a property on 300 random instances and throws with the counterexample on failure.</summary>
    public static void Check(Action<BaselineInstance> property) =>
        Prop.ForAll(Arbitrary, property).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
}
