using Parley.Analysis.Random;
using Parley.Core.Domain;
using Parley.Core.Models;

namespace Parley.Analysis.Inputs;

/// <summary>
/// Every uncertain input of a scenario, each with a fixed slot: first each actor's capability (declaration order),
/// then each issue's stances (issue order, then actor order): position, then salience. Only inputs that carry a
/// range get a slot. The slot fixes which element of a draw's random stream the input uses.
/// </summary>
public sealed class InputSpace
{
    private readonly Dictionary<ActorId, UncertainInput> _capability = [];
    private readonly Dictionary<(ActorId, IssueId), UncertainInput> _position = [];
    private readonly Dictionary<(ActorId, IssueId), UncertainInput> _salience = [];

    public InputSpace(Scenario scenario)
    {
        Scenario = scenario;
        var all = new List<UncertainInput>();
        foreach (var a in scenario.Actors)
            if (a.CapabilityRange is { } r)
                Add(all, _capability, a.Id, new UncertainInput(all.Count, InputKind.Capability, a.Id, null, r, a.Capability, a.CapabilityEvidence));
        foreach (var issue in scenario.Issues)
            foreach (var s in scenario.StancesOn(issue.Id))
            {
                if (s.PositionRange is { } pr)
                    Add(all, _position, (s.Actor, s.Issue), new UncertainInput(all.Count, InputKind.Position, s.Actor, s.Issue, pr, s.Position, s.Evidence));
                if (s.SalienceRange is { } sr)
                    Add(all, _salience, (s.Actor, s.Issue),
                        new UncertainInput(all.Count, InputKind.Salience, s.Actor, s.Issue, sr, s.Salience, s.SalienceEvidence ?? s.Evidence));
            }
        Inputs = all;
    }

    private static void Add<TKey>(List<UncertainInput> all, Dictionary<TKey, UncertainInput> index, TKey key, UncertainInput input)
        where TKey : notnull
    {
        all.Add(input);
        index[key] = input;
    }

    public Scenario Scenario { get; }

    /// <summary>The uncertain inputs in slot order.</summary>
    public IReadOnlyList<UncertainInput> Inputs { get; }

    public bool IsEmpty => Inputs.Count == 0;

    public UncertainInput? CapabilityOf(ActorId actor) => _capability.GetValueOrDefault(actor);
    public UncertainInput? PositionOf(ActorId actor, IssueId issue) => _position.GetValueOrDefault((actor, issue));
    public UncertainInput? SalienceOf(ActorId actor, IssueId issue) => _salience.GetValueOrDefault((actor, issue));

    /// <summary>The inputs that can move a one-dimensional model's forecast on an issue: its stances and its actors' capabilities.</summary>
    public IReadOnlyList<UncertainInput> InputsOn(IssueId issue)
    {
        var actors = Scenario.StancesOn(issue).Select(s => s.Actor).ToHashSet();
        return Inputs.Where(i => i.Issue == issue || (i.Issue is null && actors.Contains(i.Actor))).ToArray();
    }

    /// <summary>
    /// The scenario with every uncertain input set by <paramref name="valueOf"/> (others keep their point values);
    /// drawn values are kept valid (see <see cref="UncertainInput.Clamp"/>). Used by the multi-issue path.
    /// </summary>
    public Scenario Materialise(Func<UncertainInput, double> valueOf)
    {
        if (IsEmpty) return Scenario;
        var actors = Scenario.Actors
            .Select(a => CapabilityOf(a.Id) is { } u ? a with { Capability = UncertainInput.Clamp(InputKind.Capability, valueOf(u), null) } : a)
            .ToArray();
        var stances = Scenario.Stances.Select(s =>
        {
            var p = PositionOf(s.Actor, s.Issue);
            var q = SalienceOf(s.Actor, s.Issue);
            if (p is null && q is null) return s;
            var scale = Scenario.Issue(s.Issue).Scale;
            return s with
            {
                Position = p is null ? s.Position : UncertainInput.Clamp(InputKind.Position, valueOf(p), scale),
                Salience = q is null ? s.Salience : UncertainInput.Clamp(InputKind.Salience, valueOf(q), null),
            };
        }).ToArray();
        return Scenario.With(actors: actors, stances: stances);
    }

    /// <summary>The scenario of Monte Carlo draw with key <paramref name="drawKey"/>.</summary>
    public Scenario Draw(ulong drawKey) => Materialise(u => u.Range.Quantile(DrawKeys.Uniform(drawKey, u.Slot)));

    /// <summary>The scenario with every uncertain input at its range's centre (mode, else midpoint).</summary>
    public Scenario AtCentre() => Materialise(u => u.Range.Centre);

    /// <summary>The slot map for one issue's problem (the one-dimensional fast path).</summary>
    public IssueInputMap MapFor(IssueProblem problem) => new(this, problem);
}

/// <summary>
/// An <see cref="InputRange"/>'s inverse CDF with its constants worked out once, already clamped to the input's valid
/// interval, for the hot loop. Same values as <see cref="InputRange.Quantile"/> up to rounding.
/// </summary>
internal readonly struct Sampler
{
    private readonly double _low, _high, _width, _f, _a, _b, _min, _max;
    private readonly bool _triangular;

    public Sampler(int index, int slot, InputRange range, double min, double max)
    {
        Index = index;
        Slot = slot;
        _low = range.Low;
        _high = range.High;
        _width = range.High - range.Low;
        _triangular = range.Mode is not null && _width > 0;
        double c = range.Mode ?? 0;
        _f = _triangular ? (c - range.Low) / _width : 0;
        _a = _triangular ? _width * (c - range.Low) : 0;
        _b = _triangular ? _width * (range.High - c) : 0;
        _min = min;
        _max = max;
    }

    /// <summary>The actor's index in the problem.</summary>
    public int Index { get; }

    public int Slot { get; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Draw(ulong drawKey)
    {
        double u = DrawKeys.Uniform(drawKey, Slot);
        double x = !_triangular ? _low + u * _width
            : u < _f ? _low + Math.Sqrt(u * _a) : _high - Math.Sqrt((1 - u) * _b);
        return Math.Clamp(x, _min, _max);
    }
}

/// <summary>
/// For one <see cref="IssueProblem"/>: which slot (or none) each actor's capability, position and salience draws
/// from, so a draw fills the problem's arrays in place without allocating: the point values are copied, then only
/// the uncertain entries are overwritten.
/// </summary>
public sealed class IssueInputMap
{
    private readonly Sampler[] _capabilities, _positions, _saliences;
    private readonly InputRange?[] _capRange, _posRange, _salRange;

    internal IssueInputMap(InputSpace space, IssueProblem problem)
    {
        Problem = problem;
        int n = problem.Count;
        _capRange = new InputRange?[n]; _posRange = new InputRange?[n]; _salRange = new InputRange?[n];
        var caps = new List<Sampler>();
        var positions = new List<Sampler>();
        var saliences = new List<Sampler>();
        var issue = problem.Issue.Id;
        for (int i = 0; i < n; i++)
        {
            var actor = problem.Actors[i].Id;
            if (space.CapabilityOf(actor) is { } c)
            {
                _capRange[i] = c.Range;
                caps.Add(new Sampler(i, c.Slot, c.Range, UncertainInput.MinCapability, double.MaxValue));
            }
            if (space.PositionOf(actor, issue) is { } p)
            {
                _posRange[i] = p.Range;
                positions.Add(new Sampler(i, p.Slot, p.Range, problem.Scale.Min, problem.Scale.Max));
            }
            if (space.SalienceOf(actor, issue) is { } s)
            {
                _salRange[i] = s.Range;
                saliences.Add(new Sampler(i, s.Slot, s.Range, 0.0, 1.0));
            }
        }
        _capabilities = caps.ToArray();
        _positions = positions.ToArray();
        _saliences = saliences.ToArray();
        HasUncertainty = caps.Count + positions.Count + saliences.Count > 0;
    }

    /// <summary>The problem with the point inputs (the base the draws vary).</summary>
    public IssueProblem Problem { get; }

    public bool HasUncertainty { get; }

    /// <summary>Fills the arrays with draw <paramref name="drawKey"/>'s inputs (point values where there is no range).</summary>
    public void Fill(ulong drawKey, double[] positions, double[] saliences, double[] capabilities) =>
        Fill(drawKey, drawKey, -1, positions, saliences, capabilities);

    /// <summary>
    /// Fills the arrays from draw <paramref name="keyA"/>, except the input in slot <paramref name="slotFromB"/>, which
    /// comes from draw <paramref name="keyB"/> (the A_B^i rows of Saltelli's scheme; -1 = none).
    /// </summary>
    public void Fill(ulong keyA, ulong keyB, int slotFromB, double[] positions, double[] saliences, double[] capabilities)
    {
        Fill(keyA, keyB, slotFromB, Problem.Positions, positions, _positions);
        Fill(keyA, keyB, slotFromB, Problem.Saliences, saliences, _saliences);
        Fill(keyA, keyB, slotFromB, Problem.Capabilities, capabilities, _capabilities);
    }

    private static void Fill(ulong keyA, ulong keyB, int slotFromB, double[] point, double[] target, Sampler[] samplers)
    {
        point.AsSpan().CopyTo(target);
        foreach (ref readonly var s in samplers.AsSpan()) target[s.Index] = s.Draw(s.Slot == slotFromB ? keyB : keyA);
    }

    /// <summary>Fills the arrays with every uncertain input at its range's centre.</summary>
    public void FillCentre(double[] positions, double[] saliences, double[] capabilities)
    {
        var scale = Problem.Scale;
        var p0 = Problem.Positions; var s0 = Problem.Saliences; var c0 = Problem.Capabilities;
        for (int i = 0; i < p0.Length; i++)
        {
            positions[i] = _posRange[i] is { } pr ? Math.Clamp(pr.Centre, scale.Min, scale.Max) : p0[i];
            saliences[i] = _salRange[i] is { } sr ? Math.Clamp(sr.Centre, 0.0, 1.0) : s0[i];
            capabilities[i] = _capRange[i] is { } cr ? Math.Max(cr.Centre, UncertainInput.MinCapability) : c0[i];
        }
    }
}
