namespace Parley.Core.Domain;

/// <summary>One issue under negotiation: a scale, labelled anchors, and optionally a status quo and its own rule.</summary>
public sealed record Issue
{
    public Issue(IssueId id, string title, Scale scale, IReadOnlyList<Anchor>? anchors = null,
        double? statusQuo = null, DecisionRule? decisionRule = null, ActorId? agendaSetter = null,
        double? outcome = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Id = id;
        Title = string.IsNullOrWhiteSpace(title) ? id.Value : title;
        Scale = scale;
        Anchors = (anchors ?? []).OrderBy(a => a.Value).ToArray();
        StatusQuo = statusQuo;
        DecisionRule = decisionRule;
        AgendaSetter = agendaSetter;
        Outcome = outcome;
        Description = description;
        Validate();
    }

    /// <summary>
    /// The constructor's checks. A <c>with</c> expression copies the record without calling the constructor, so
    /// <see cref="Scenario"/> runs these again on every issue it is given: a scenario that exists is valid.
    /// </summary>
    internal void Validate()
    {
        if (Scale is null) throw new ArgumentException($"Issue '{Id}' needs a scale.");
        if (StatusQuo is { } q && !Scale.Contains(q))
            throw new ArgumentException($"Issue '{Id}': status quo {q} lies outside {Scale.Min}..{Scale.Max}.");
        if (Outcome is { } o && !Scale.Contains(o))
            throw new ArgumentException($"Issue '{Id}': outcome {o} lies outside {Scale.Min}..{Scale.Max}.");
        if (Reversion?.Point is { } r && !Scale.Contains(r)) // a later `with { Scale = … }` can leave it off the scale
            throw new ArgumentException($"Issue '{Id}': reversion point {r} lies outside {Scale.Min}..{Scale.Max}.");
        double previous = double.NegativeInfinity;
        foreach (var a in Anchors ?? [])
        {
            if (!Scale.Contains(a.Value))
                throw new ArgumentException($"Issue '{Id}': anchor {a.Value} lies outside {Scale.Min}..{Scale.Max}.");
            if (a.Value < previous) throw new ArgumentException($"Issue '{Id}': anchors must be in ascending order of value.");
            previous = a.Value;
        }
        foreach (var point in (Anchors ?? []).Select(a => (double?)a.Value).Append(StatusQuo).Append(Outcome))
            if (point is { } p && InputBounds.Magnitude(p) is { } tiny)
                throw new ArgumentException($"Issue '{Id}': {tiny}.");
    }

    public IssueId Id { get; init; }
    public string Title { get; init; }
    public Scale Scale { get; init; }

    /// <summary>Labelled points, in ascending order of value.</summary>
    public IReadOnlyList<Anchor> Anchors { get; init; }

    /// <summary>The reference point: the standing text or policy (what holds if nothing is agreed, unless <see cref="Reversion"/> says otherwise).</summary>
    public double? StatusQuo { get; init; }

    /// <summary>
    /// What happens without agreement when it differs from the status quo at no cost (<c>reversion</c>); null = the status
    /// quo. Its point, when given, lies on the scale.
    /// </summary>
    public Reversion? Reversion
    {
        get => _reversion;
        init
        {
            if (value?.Point is { } r && !Scale.Contains(r))
                throw new ArgumentException($"Issue '{Id}': reversion point {r} lies outside {Scale.Min}..{Scale.Max}.");
            _reversion = value;
        }
    }

    private readonly Reversion? _reversion;

    /// <summary>The disagreement point: the reversion point, else the status quo (null when the issue has neither).</summary>
    public double? DisagreementPoint => Reversion?.Point ?? StatusQuo;

    /// <summary>Overrides the scenario's decision rule for this issue.</summary>
    public DecisionRule? DecisionRule { get; init; }

    /// <summary>Overrides the scenario's agenda setter for this issue.</summary>
    public ActorId? AgendaSetter { get; init; }

    /// <summary>The known outcome (backtests); null for a forecast.</summary>
    public double? Outcome { get; init; }

    public string? Description { get; init; }

    /// <summary>Why the status quo sits where it does (a quote or a judgement), when the scenario says.</summary>
    public Evidence? StatusQuoEvidence { get; init; }

    /// <summary>Why the outcome sits where it does (a quote or a judgement), when the scenario says.</summary>
    public Evidence? OutcomeEvidence { get; init; }

    /// <summary>The labelled anchor nearest to a value, or null when the issue has none.</summary>
    public Anchor? NearestAnchor(double value)
    {
        Anchor? best = null;
        double bestDistance = double.PositiveInfinity;
        foreach (var a in Anchors)
        {
            double d = Math.Abs(a.Value - value);
            if (d < bestDistance) { best = a; bestDistance = d; }
        }
        return best;
    }
}
