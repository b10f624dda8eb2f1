using Parley.Core.Domain;

namespace Parley.Formats.Deu;

/// <summary>One actor's coding on a DEU issue: position (0–100) and salience (0–100, null when missing).</summary>
public sealed record DeuStance(string Actor, double Position, double? Salience);

/// <summary>
/// One row of the DEU file: a controversial issue of one Commission proposal, with the actors' positions and
/// saliences, the reference point and the outcome (all on 0–100). <see cref="Line"/> is the 1-based line in the file.
/// </summary>
public sealed record DeuIssue(
    int Line,
    string ProposalId,
    string IssueId,
    string ProposalName,
    string Procedure,
    string CouncilVote,
    DateOnly? Introduced,
    DateOnly? FinalAct,
    IReadOnlyList<DeuStance> Stances,
    double? ReferencePoint,
    double? Outcome)
{
    /// <summary>Co-decision (ordinary legislative procedure): the Parliament can veto.</summary>
    public bool IsCodecision => string.Equals(Procedure, "COD", StringComparison.OrdinalIgnoreCase);

    /// <summary>Unanimity in the Council (<c>Unan</c>); every other code (<c>QMV</c>, <c>QMV(10)</c>) is a qualified majority.</summary>
    public bool IsUnanimity => CouncilVote.StartsWith("Unan", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The date whose treaty regime applies: the final act's date; when it is missing, the introduction date plus
    /// <paramref name="fallbackLag"/> (the median introduction-to-adoption lag of the data set); null without either.
    /// </summary>
    public DateOnly? DecisionDate(int fallbackLag) =>
        FinalAct ?? Introduced?.AddDays(fallbackLag);

    /// <summary>
    /// The Council's rule on this issue: unanimity → consensus; QMV (and DEU's <c>QMV(10)</c>) → the qualified
    /// majority of <paramref name="regime"/>, or 71 % of the positioned member states, one vote each, when no regime is known.
    /// </summary>
    public DecisionRule CouncilRule(CouncilRegime? regime) => IsUnanimity
        ? new DecisionRule.Consensus()
        : regime?.QualifiedMajority() ?? new DecisionRule.QualifiedMajority(0.71,
            Stances.Where(s => GroupOf(s.Actor) == "council").ToDictionary(s => new ActorId(s.Actor), _ => 1.0));

    /// <summary>This issue as an issue of a Parley scenario (0–100; status quo = reference point; outcome; Council rule).</summary>
    public Issue ToIssue(CouncilRegime? regime) =>
        new(new IssueId(IssueId), $"{ProposalName} ({IssueId})", new Scale(0, 100, "points"),
            statusQuo: ReferencePoint, decisionRule: CouncilRule(regime), outcome: Outcome,
            description: $"DEU issue {IssueId} of proposal {ProposalId} ({Procedure}, Council {CouncilVote})");

    /// <summary>This issue alone as a scenario (see <see cref="DeuDataset.ToScenario"/>).</summary>
    public Scenario ToScenario(CouncilRegime? regime) => DeuDataset.ToScenario([this], regime);

    /// <summary>Member states form the group "council"; the institutions are "commission" and "parliament".</summary>
    public static string GroupOf(string code) => code switch
    {
        EuCouncil.Commission => "commission",
        EuCouncil.Parliament => "parliament",
        _ => "council",
    };

    internal static string ActorName(string code) => code switch
    {
        EuCouncil.Commission => "European Commission",
        EuCouncil.Parliament => "European Parliament",
        _ => code.ToUpperInvariant(),
    };
}

/// <summary>A DEU file: its issues in file order, and the redistributor's GDP row when present.</summary>
public sealed record DeuDataset(IReadOnlyList<DeuIssue> Issues, IReadOnlyDictionary<string, double>? GdpRow)
{
    /// <summary>The issues grouped by proposal (<c>prnr</c>), proposals and issues in file order.</summary>
    public IEnumerable<IGrouping<string, DeuIssue>> Proposals => Issues.GroupBy(i => i.ProposalId);

    /// <summary>
    /// Issues (normally the issues of one proposal) as one Parley scenario on 0–100 scales: every actor with a
    /// position on any of them, capability 1 (a capability convention replaces it); on each issue the actors'
    /// positions and salience/100 (missing salience → 0, see docs/decisions.md), the reference point as status quo,
    /// the recorded outcome, and the Council's rule (<see cref="DeuIssue.CouncilRule"/>). The Commission is the
    /// agenda setter; under co-decision (<c>proc</c> COD) the Parliament holds a veto (<see cref="Actor.Veto"/>).
    /// Member states form the group "council"; the institutions the groups "commission" and "parliament".
    /// </summary>
    public static Scenario ToScenario(IReadOnlyList<DeuIssue> issues, CouncilRegime? regime)
    {
        if (issues.Count == 0) throw new ArgumentException("a DEU scenario needs at least one issue");
        var first = issues[0];
        var codes = issues.SelectMany(i => i.Stances).Select(s => s.Actor).Distinct().ToArray();
        bool codecision = issues.Any(i => i.IsCodecision);
        var actors = codes.Select(code => new Actor(new ActorId(code), DeuIssue.ActorName(code), 1.0, DeuIssue.GroupOf(code),
            veto: code == EuCouncil.Parliament && codecision)).ToArray();
        var stances = issues.SelectMany(i => i.Stances.Select(s =>
            new Stance(new ActorId(s.Actor), new IssueId(i.IssueId), s.Position, (s.Salience ?? 0) / 100.0))).ToArray();
        bool hasCommission = codes.Contains(EuCouncil.Commission);
        var meta = new ScenarioMetadata(issues.Count == 1 ? first.IssueId : first.ProposalId, $"DEU {first.ProposalId} {first.ProposalName}",
            $"DEU proposal {first.ProposalId} ({first.Procedure})", first.FinalAct ?? first.Introduced);
        return new Scenario(meta, actors, issues.Select(i => i.ToIssue(regime)).ToArray(), stances,
            first.CouncilRule(regime), hasCommission ? new ActorId(EuCouncil.Commission) : null);
    }

    /// <summary>The median number of days from introduction to final act, over issues that have both (0 if none).</summary>
    public int MedianAdoptionLag()
    {
        var lags = Issues.Where(i => i.Introduced is not null && i.FinalAct is not null)
            .Select(i => i.FinalAct!.Value.DayNumber - i.Introduced!.Value.DayNumber).Order().ToArray();
        return lags.Length == 0 ? 0 : lags[(lags.Length - 1) / 2];
    }
}
