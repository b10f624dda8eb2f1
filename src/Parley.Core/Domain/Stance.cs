namespace Parley.Core.Domain;

/// <summary>
/// An actor's stance on one issue: the position it advocates (on the issue's scale) and how much it cares
/// (salience, 0–1), each with the evidence it rests on and an optional range for the uncertainty analyses.
/// </summary>
public sealed record Stance
{
    public Stance(ActorId actor, IssueId issue, double position, double salience,
        InputRange? positionRange = null, InputRange? salienceRange = null,
        Evidence? evidence = null, Evidence? salienceEvidence = null)
    {
        Actor = actor;
        Issue = issue;
        Position = position;
        Salience = salience;
        PositionRange = positionRange;
        SalienceRange = salienceRange;
        Evidence = evidence;
        SalienceEvidence = salienceEvidence;
        Validate();
    }

    /// <summary>
    /// The constructor's checks. A <c>with</c> expression copies the record without calling the constructor, so
    /// <see cref="Scenario"/> runs these again on every stance it is given: a scenario that exists is valid.
    /// </summary>
    internal void Validate()
    {
        if (InputBounds.Magnitude(Position) is { } far) throw new ArgumentException($"{Actor}/{Issue}: position {far}.");
        if (!double.IsFinite(Salience) || Salience < 0 || Salience > 1)
            throw new ArgumentException($"{Actor}/{Issue}: salience must lie in 0..1 (got {Salience}).");
        if (InputBounds.SalienceFloor(Salience) is { } tiny) throw new ArgumentException($"{Actor}/{Issue}: salience {tiny}.");
    }

    public ActorId Actor { get; init; }
    public IssueId Issue { get; init; }
    public double Position { get; init; }

    /// <summary>0 (does not care) to 1 (nothing matters more).</summary>
    public double Salience { get; init; }

    public InputRange? PositionRange { get; init; }
    public InputRange? SalienceRange { get; init; }

    /// <summary>Evidence for the position (and for the salience, unless <see cref="SalienceEvidence"/> is given).</summary>
    public Evidence? Evidence { get; init; }

    public Evidence? SalienceEvidence { get; init; }

    /// <summary>May opt out on this issue (see <see cref="Actor.OptOut"/>); null = as the actor says.</summary>
    public bool? OptOut { get; init; }

    /// <summary>
    /// The actor's capability on this issue only, when it differs from the actor's overall capability (decide's
    /// per-issue "power"); null = the actor's <see cref="Actor.Capability"/>. 0, or within <see cref="InputBounds"/>.
    /// </summary>
    public double? Capability
    {
        get => _capability;
        init
        {
            if (value is { } c && InputBounds.Weight(c) is { } problem)
                throw new ArgumentException($"{Actor}/{Issue}: capability on the issue {problem} ({InputBounds.WeightAllowed}).");
            _capability = value;
        }
    }

    private readonly double? _capability;
}
