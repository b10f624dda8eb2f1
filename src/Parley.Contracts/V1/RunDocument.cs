using System.Text.Json.Serialization;

namespace Parley.Contracts.V1;

/// <summary>
/// `parley run --json`: <c>{"scenario", "issues": [...], "shared"}</c>. <see cref="Shared"/> holds what a multi-issue
/// model computes once for the whole run (the SMP's state history); it is left out when no such model ran.
/// </summary>
public sealed record RunDocument(
    string Scenario,
    IReadOnlyList<IssueDto> Issues,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SharedDto? Shared);

/// <summary>
/// One issue: its identity and scale, one entry per model that forecast it (in the order the models ran), and the
/// headline forecast (<see cref="Headline"/>, left out when none was computed).
/// </summary>
public sealed record IssueDto(
    string Id,
    string Title,
    ScaleDto Scale,
    double? StatusQuo,
    [property: JsonConverter(typeof(ModelEntriesConverter))] IReadOnlyDictionary<string, ModelEntry> Models)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HeadlineDto? Headline { get; init; }
}

/// <summary>
/// The Parley forecast of an issue (docs/headline.md): the forecast and its 80 % interval on the issue's scale, the
/// method in words, the nearest labelled anchor, <c>draws</c> (&gt; 0 when the interval also reflects the input ranges,
/// `analyze` only) and notes (left out when none).
/// </summary>
public sealed record HeadlineDto(
    double Forecast,
    double P10,
    double P90,
    string Method,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NearestAnchor,
    int Draws,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Notes);

public sealed record ScaleDto(double Min, double Max, string Unit);

/// <summary>Results computed once per run rather than per issue.</summary>
public sealed record SharedDto([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SmpHistoryDto? Smp);
