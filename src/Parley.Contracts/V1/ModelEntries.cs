using System.Text.Json.Serialization;

namespace Parley.Contracts.V1;

/// <summary>
/// A model's entry on one issue. This type itself is the plain entry (compromise, median); the models with more to
/// say derive from it. Written as one flat object without a type discriminator: "forecast" and "nearest_anchor"
/// first, then the model's own fields, "notes" (only when there are any), then what `analyze` adds (only there).
/// </summary>
public record ModelEntry
{
    /// <summary>The forecast on the issue's own scale.</summary>
    [JsonPropertyOrder(-2)] public double Forecast { get; init; }

    /// <summary>The label of the anchor nearest to the forecast (null when the issue has no anchors).</summary>
    [JsonPropertyOrder(-1)] public string? NearestAnchor { get; init; }

    /// <summary>How a round-based or procedural run ended (null for models without the notion, and when the run just solved).</summary>
    [JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConvergenceDto? Convergence { get; init; }

    [JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Notes { get; init; }

    // analyze --json only:
    [JsonPropertyOrder(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DistributionDto? Distribution { get; init; }

    [JsonPropertyOrder(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TornadoBarDto>? Tornado { get; init; }

    [JsonPropertyOrder(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TornadoCentre { get; init; }

    [JsonPropertyOrder(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SobolDto? Sobol { get; init; }

    [JsonPropertyOrder(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ShockDto>? Shocks { get; init; }

    [JsonPropertyOrder(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? AnalysisNotes { get; init; }
}

/// <summary>
/// How a model's run ended: <c>status</c> is "converged", "cycled", "round-cap" or "gridlock"; <c>rounds</c> the rounds
/// run; <c>cycle</c> the outcomes of the repeating rounds (cycled only); <c>settled</c> whether the forecast is a resting
/// point (converged, gridlock, or a cycle whose outcome does not change).
/// </summary>
public sealed record ConvergenceDto(
    string Status,
    int Rounds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? Cycle,
    bool Settled);

/// <summary>nash: both utilities' solutions and the one the forecast uses.</summary>
public sealed record NashEntry : ModelEntry
{
    public required string Utility { get; init; }
    public required double Quadratic { get; init; }
    public required double Linear { get; init; }
    public required double? StatusQuo { get; init; }
    public required IReadOnlyList<double>? FeasibleSet { get; init; }
    public required string Solution { get; init; }

    /// <summary>The reversion point used as disagreement point, when the issue gives one apart from the status quo.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Reversion { get; init; }
}

/// <summary>consensus (procedural model): the setter, the win-set and what bounds it.</summary>
public sealed record ConsensusEntry : ModelEntry
{
    public required string Rule { get; init; }
    public required string? Setter { get; init; }
    public required double SetterPosition { get; init; }
    public required double? StatusQuo { get; init; }
    public required IReadOnlyList<double>? WinSet { get; init; }
    public required bool Gridlock { get; init; }
    public required string? PivotalActor { get; init; }
    public required string? PivotalBy { get; init; }

    /// <summary>The reversion point the win-set is computed against, when the issue gives one apart from the status quo.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Reversion { get; init; }

    /// <summary>Veto holders that accept the forecast with an exemption instead of blocking it (only when there are any).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? OptedOut { get; init; }
}

/// <summary>eum: the variant, which summary is the forecast, and every round (0 = the inputs).</summary>
public sealed record EumEntry : ModelEntry
{
    public required string Variant { get; init; }
    public required string Outcome { get; init; }
    public required IReadOnlyList<EumRoundDto> Rounds { get; init; }
}

public sealed record EumRoundDto(
    int Round,
    IReadOnlyDictionary<string, double> Positions,
    double Median,
    double Mean,
    IReadOnlyDictionary<string, double> Risk,
    IReadOnlyList<EumMoveDto> Moves);

public sealed record EumMoveDto(string Actor, string Kind, string With, double From, double To, string Text);

/// <summary>smp, per issue: the modal outcome class. The run's state history is in <see cref="SharedDto.Smp"/>.</summary>
public sealed record SmpEntry : ModelEntry
{
    public required SmpModalClassDto ModalClass { get; init; }
}

public sealed record SmpModalClassDto(double Position, double Probability, IReadOnlyList<string> Actors);

/// <summary>exchange: the rounds with their exchanges, the externalities, and the preference trajectory.</summary>
public sealed record ExchangeEntry : ModelEntry
{
    public required IReadOnlyList<ExchangeRoundDto> Rounds { get; init; }
    public required IReadOnlyList<ExternalityDto> Externalities { get; init; }
    public required IReadOnlyList<TrajectoryPointDto> Trajectory { get; init; }
}

public sealed record ExchangeRoundDto(int Round, double PreferenceOutcome, double VotingOutcome, IReadOnlyList<ExchangeDto> Exchanges);

public sealed record ExchangeDto(
    int Order,
    string ActorI,
    string ActorJ,
    [property: JsonPropertyName("i_supplies")] string ISupplies,
    [property: JsonPropertyName("i_from")] double IFrom,
    [property: JsonPropertyName("i_to")] double ITo,
    [property: JsonPropertyName("j_supplies")] string JSupplies,
    [property: JsonPropertyName("j_from")] double JFrom,
    [property: JsonPropertyName("j_to")] double JTo,
    double Gain);

public sealed record ExternalityDto(
    string Actor,
    double Own,
    double InnerPositive,
    double InnerNegative,
    double OuterPositive,
    double OuterNegative,
    double Net);

public sealed record TrajectoryPointDto(int Round, IReadOnlyDictionary<string, double> Positions, double Outcome);
