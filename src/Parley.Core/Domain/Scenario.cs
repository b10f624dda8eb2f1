namespace Parley.Core.Domain;

/// <summary>
/// Who and what the scenario is about, and when it was coded: <see cref="AsOf"/> is the date of the evidence,
/// <see cref="Decided"/> (past cases only) the date the decision was taken.
/// </summary>
public sealed record ScenarioMetadata(string Id, string Title, string? Description = null, DateOnly? AsOf = null,
    IReadOnlyList<Source>? Sources = null, DateOnly? Decided = null)
{
    public IReadOnlyList<Source> Sources { get; init; } = Sources ?? [];
}

/// <summary>
/// A validated negotiation: actors, issues, the stances linking them, and the decision rule.
/// Construction checks every cross-reference, so a Scenario that exists is consistent.
/// </summary>
public sealed class Scenario
{
    private readonly Dictionary<ActorId, Actor> _actors;
    private readonly Dictionary<IssueId, Issue> _issues;
    private readonly Dictionary<(ActorId, IssueId), Stance> _stances;

    public Scenario(ScenarioMetadata metadata, IReadOnlyList<Actor> actors, IReadOnlyList<Issue> issues,
        IReadOnlyList<Stance> stances, DecisionRule? decisionRule = null, ActorId? agendaSetter = null,
        IReadOnlyList<Shock>? shocks = null, IReadOnlyList<IdealAdjustment>? idealAdjustments = null,
        IReadOnlyList<ModelDefaults>? modelDefaults = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (actors.Count == 0) throw new ArgumentException("A scenario needs at least one actor.");
        if (issues.Count == 0) throw new ArgumentException("A scenario needs at least one issue.");
        _actors = new Dictionary<ActorId, Actor>();
        // `with` copies a record without its constructor: each part is checked again here
        foreach (var a in actors) a.Validate();
        foreach (var i in issues) i.Validate();
        foreach (var s in stances) s.Validate();
        foreach (var a in actors)
            if (!_actors.TryAdd(a.Id, a)) throw new ArgumentException($"Duplicate actor id '{a.Id}'.");
        _issues = new Dictionary<IssueId, Issue>();
        foreach (var i in issues)
            if (!_issues.TryAdd(i.Id, i)) throw new ArgumentException($"Duplicate issue id '{i.Id}'.");
        _stances = new Dictionary<(ActorId, IssueId), Stance>();
        foreach (var s in stances)
        {
            if (!_actors.ContainsKey(s.Actor)) throw new ArgumentException($"Stance names unknown actor '{s.Actor}'.");
            if (!_issues.TryGetValue(s.Issue, out var issue)) throw new ArgumentException($"Stance names unknown issue '{s.Issue}'.");
            if (!issue.Scale.Contains(s.Position))
                throw new ArgumentException($"{s.Actor}/{s.Issue}: position {s.Position} outside {issue.Scale.Min}..{issue.Scale.Max}.");
            if (!_stances.TryAdd((s.Actor, s.Issue), s)) throw new ArgumentException($"Duplicate stance {s.Actor}/{s.Issue}.");
        }
        foreach (var i in issues)
            foreach (var a in i.Reversion?.Costs.Keys ?? [])
                if (!_actors.ContainsKey(a)) throw new ArgumentException($"Issue '{i.Id}': reversion cost names unknown actor '{a}'.");
        if (agendaSetter is { } setter && !_actors.ContainsKey(setter))
            throw new ArgumentException($"Agenda setter '{setter}' is not an actor.");
        foreach (var i in issues)
            if (i.AgendaSetter is { } s2 && !_actors.ContainsKey(s2))
                throw new ArgumentException($"Issue '{i.Id}': agenda setter '{s2}' is not an actor.");
        var adjustments = idealAdjustments ?? [];
        if (IdealAdjustment.Problems(adjustments, _actors.ContainsKey) is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems));
        var defaults = (modelDefaults ?? []).ToArray();
        var models = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in defaults)
        {
            if (!models.Add(d.Model)) throw new ArgumentException($"Model settings of '{d.Model}' are given twice.");
        }

        Metadata = metadata;
        Actors = actors.ToArray();
        Issues = issues.ToArray();
        Stances = stances.ToArray();
        DecisionRule = decisionRule ?? new DecisionRule.Consensus();
        AgendaSetter = agendaSetter;
        Shocks = shocks ?? [];
        IdealAdjustments = adjustments.ToArray();
        ModelDefaults = defaults;
    }

    public ScenarioMetadata Metadata { get; }
    public string Id => Metadata.Id;

    /// <summary>Actors in the order the scenario declares them.</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>Issues in the order the scenario declares them.</summary>
    public IReadOnlyList<Issue> Issues { get; }

    public IReadOnlyList<Stance> Stances { get; }
    public DecisionRule DecisionRule { get; }
    public ActorId? AgendaSetter { get; }
    public IReadOnlyList<Shock> Shocks { get; }

    /// <summary>
    /// The entries of the SMP's ideal-accommodation matrix that differ from the identity (KTAB's IdealAdjustment),
    /// in the order given; empty = every ideal is the actor's current position. Only the <c>smp</c> model uses them.
    /// </summary>
    public IReadOnlyList<IdealAdjustment> IdealAdjustments { get; }

    /// <summary>
    /// The settings the scenario gives its models (<c>model_settings</c>), one entry per model in the order given; the
    /// command line's <c>--option</c>/<c>--seed</c> override them, and they override the models' own defaults.
    /// </summary>
    public IReadOnlyList<ModelDefaults> ModelDefaults { get; }

    /// <summary>
    /// What the actors' capabilities mean to the models (<c>capability_basis</c>): null = the capabilities as given
    /// (<c>resources</c>); see <see cref="Power.CapabilityBasis"/>. The application layer applies it before running models.
    /// </summary>
    public Power.CapabilityBasis? CapabilityBasis { get; init; }

    /// <summary>The scenario's settings for one model (name compared ignoring case), or null.</summary>
    public ModelDefaults? ModelDefaultsFor(string model) =>
        ModelDefaults.FirstOrDefault(d => string.Equals(d.Model, model, StringComparison.OrdinalIgnoreCase));

    public Actor Actor(ActorId id) => _actors[id];
    public Issue Issue(IssueId id) => _issues[id];
    public bool HasActor(ActorId id) => _actors.ContainsKey(id);
    public bool HasIssue(IssueId id) => _issues.ContainsKey(id);
    public Stance? StanceOf(ActorId actor, IssueId issue) => _stances.GetValueOrDefault((actor, issue));

    /// <summary>The decision rule in force on an issue (its own, else the scenario's).</summary>
    public DecisionRule RuleFor(Issue issue) => issue.DecisionRule ?? DecisionRule;

    /// <summary>The agenda setter on an issue (its own, else the scenario's), or null.</summary>
    public ActorId? SetterFor(Issue issue) => issue.AgendaSetter ?? AgendaSetter;

    /// <summary>The stances on one issue, in actor declaration order.</summary>
    public IReadOnlyList<Stance> StancesOn(IssueId issue)
    {
        var list = new List<Stance>();
        foreach (var a in Actors)
            if (_stances.TryGetValue((a.Id, issue), out var s)) list.Add(s);
        return list;
    }

    /// <summary>
    /// A copy with some parts replaced (the copy is validated again). Parts naming an actor that is no longer there
    /// are dropped: its stances, the agenda setter, its reversion costs, and ideal adjustments by it or toward it.
    /// </summary>
    public Scenario With(IReadOnlyList<Actor>? actors = null, IReadOnlyList<Issue>? issues = null,
        IReadOnlyList<Stance>? stances = null, DecisionRule? decisionRule = null, ScenarioMetadata? metadata = null,
        IReadOnlyList<IdealAdjustment>? idealAdjustments = null, IReadOnlyList<ModelDefaults>? modelDefaults = null)
    {
        var newActors = actors ?? Actors;
        var keep = newActors.Select(a => a.Id).ToHashSet();
        var setter = AgendaSetter is { } s && keep.Contains(s) ? AgendaSetter : null;
        var newIssues = (issues ?? Issues)
            .Select(i => i.AgendaSetter is { } si && !keep.Contains(si) ? i with { AgendaSetter = null } : i)
            .Select(i => i.Reversion is { } r && r.Costs.Keys.Any(a => !keep.Contains(a))
                ? i with { Reversion = r with { Costs = r.Costs.Where(c => keep.Contains(c.Key)).ToDictionary() } }
                : i).ToArray();
        var newStances = (stances ?? Stances).Where(st => keep.Contains(st.Actor)).ToArray();
        var newAdjustments = (idealAdjustments ?? IdealAdjustments).Where(a => keep.Contains(a.Actor) && keep.Contains(a.Follows)).ToArray();
        return new Scenario(metadata ?? Metadata, newActors, newIssues, newStances, decisionRule ?? DecisionRule, setter, Shocks,
            newAdjustments, modelDefaults ?? ModelDefaults) { CapabilityBasis = CapabilityBasis };
    }

    /// <summary>A copy whose <see cref="CapabilityBasis"/> is <paramref name="basis"/> (null = the capabilities as given).</summary>
    public Scenario WithCapabilityBasis(Power.CapabilityBasis? basis) =>
        new(Metadata, Actors, Issues, Stances, DecisionRule, AgendaSetter, Shocks, IdealAdjustments, ModelDefaults) { CapabilityBasis = basis };

    /// <summary>Applies interventions (all of them, whatever their round) to the inputs; used for what-ifs at round 0.</summary>
    public Scenario Apply(IEnumerable<Intervention> interventions)
    {
        var actors = Actors.ToList();
        var stances = Stances.ToList();
        foreach (var iv in interventions)
        {
            if (!_actors.ContainsKey(iv.Actor)) throw new ArgumentException($"Intervention names unknown actor '{iv.Actor}'.");
            switch (iv.Kind)
            {
                case InterventionKind.Remove:
                    actors.RemoveAll(a => a.Id == iv.Actor);
                    stances.RemoveAll(s => s.Actor == iv.Actor);
                    break;
                case InterventionKind.SetCapability:
                    if (!double.IsFinite(iv.Value) || iv.Value <= 0)
                        throw new ArgumentException($"{iv}: capability must be > 0.");
                    actors = actors.Select(a => a.Id == iv.Actor ? a with { Capability = iv.Value } : a).ToList();
                    break;
                default:
                    var issueId = iv.Issue ?? throw new ArgumentException($"{iv}: an issue is required.");
                    int k = stances.FindIndex(s => s.Actor == iv.Actor && s.Issue == issueId);
                    if (k < 0) throw new ArgumentException($"{iv}: the actor has no stance on '{issueId}'.");
                    var old = stances[k];
                    stances[k] = iv.Kind == InterventionKind.SetPosition
                        ? new Stance(old.Actor, old.Issue, iv.Value, old.Salience, old.PositionRange, old.SalienceRange, old.Evidence, old.SalienceEvidence) { Capability = old.Capability, OptOut = old.OptOut }
                        : new Stance(old.Actor, old.Issue, old.Position, iv.Value, old.PositionRange, old.SalienceRange, old.Evidence, old.SalienceEvidence) { Capability = old.Capability, OptOut = old.OptOut };
                    break;
            }
        }
        return With(actors: actors, stances: stances);
    }
}
