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
    /// This issue as a one-issue Parley scenario on 0–100: every actor with a position, capability 1 (a capability
    /// convention replaces it), salience/100 (missing → 0, see docs/decisions.md); status quo = the reference point;
    /// outcome = the recorded outcome; the Commission is the agenda setter; the Council's rule is the decision rule
    /// (unanimity → consensus; QMV → the qualified majority of <paramref name="regime"/>, or equal-weight
    /// 71 % of the member states when no regime is known); under co-decision the Parliament holds a veto.
    /// </summary>
    public Scenario ToScenario(CouncilRegime? regime)
    {
        var issueId = new IssueId(IssueId);
        DecisionRule rule = IsUnanimity
            ? new DecisionRule.Consensus()
            : regime?.QualifiedMajority() ?? new DecisionRule.QualifiedMajority(0.71,
                Stances.Where(s => s.Actor is not (EuCouncil.Commission or EuCouncil.Parliament))
                    .ToDictionary(s => new ActorId(s.Actor), _ => 1.0));
        var actors = Stances.Select(s => new Actor(new ActorId(s.Actor), ActorName(s.Actor), 1.0, GroupOf(s.Actor),
            veto: s.Actor == EuCouncil.Parliament && IsCodecision)).ToArray();
        var stances = Stances.Select(s => new Stance(new ActorId(s.Actor), issueId, s.Position, (s.Salience ?? 0) / 100.0)).ToArray();
        bool hasCommission = Stances.Any(s => s.Actor == EuCouncil.Commission);
        var issue = new Issue(issueId, $"{ProposalName} ({IssueId})", new Scale(0, 100, "points"),
            statusQuo: ReferencePoint, decisionRule: rule, outcome: Outcome);
        var meta = new ScenarioMetadata(IssueId, $"DEU {ProposalId} {ProposalName}",
            $"DEU issue {IssueId} ({Procedure}, Council {CouncilVote})", FinalAct ?? Introduced);
        return new Scenario(meta, actors, [issue], stances, rule,
            hasCommission ? new ActorId(EuCouncil.Commission) : null);
    }

    /// <summary>Member states form the group "council"; the institutions are "commission" and "parliament".</summary>
    public static string GroupOf(string code) => code switch
    {
        EuCouncil.Commission => "commission",
        EuCouncil.Parliament => "parliament",
        _ => "council",
    };

    private static string ActorName(string code) => code switch
    {
        EuCouncil.Commission => "European Commission",
        EuCouncil.Parliament => "European Parliament",
        _ => code.ToUpperInvariant(),
    };
}

/// <summary>A DEU file: its issues in file order, and the redistributor's GDP row when present.</summary>
public sealed record DeuDataset(IReadOnlyList<DeuIssue> Issues, IReadOnlyDictionary<string, double>? GdpRow)
{
    /// <summary>The median number of days from introduction to final act, over issues that have both (0 if none).</summary>
    public int MedianAdoptionLag()
    {
        var lags = Issues.Where(i => i.Introduced is not null && i.FinalAct is not null)
            .Select(i => i.FinalAct!.Value.DayNumber - i.Introduced!.Value.DayNumber).Order().ToArray();
        return lags.Length == 0 ? 0 : lags[(lags.Length - 1) / 2];
    }
}
