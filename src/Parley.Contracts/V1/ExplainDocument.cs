namespace Parley.Contracts.V1;

/// <summary>`parley explain --json`: one actor's perception view per issue (the expected utility model).</summary>
public sealed record ExplainDocument(string Scenario, string Model, IReadOnlyList<PerceptionDto> Perceptions);

public sealed record PerceptionDto(
    string Actor,
    string ActorName,
    string Issue,
    string Variant,
    int Round,
    double Position,
    double Risk,
    double Median,
    IReadOnlyList<PerceptionRowDto> Rows);

/// <summary>How the actor sees one other actor; <see cref="Quadrant"/> is one of the names in <see cref="ExplainMapper"/>.</summary>
public sealed record PerceptionRowDto(
    string Other,
    string OtherName,
    double OtherPosition,
    double Probability,
    double EuSelf,
    double EuOther,
    string Quadrant,
    string Mover,
    double ImpliedPosition,
    string Text);
