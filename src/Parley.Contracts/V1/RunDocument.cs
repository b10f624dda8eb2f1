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

/// <summary>One issue: its identity and scale, and one entry per model that forecast it (in the order the models ran).</summary>
public sealed record IssueDto(
    string Id,
    string Title,
    ScaleDto Scale,
    double? StatusQuo,
    [property: JsonConverter(typeof(ModelEntriesConverter))] IReadOnlyDictionary<string, ModelEntry> Models);

public sealed record ScaleDto(double Min, double Max, string Unit);

/// <summary>Results computed once per run rather than per issue.</summary>
public sealed record SharedDto([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SmpHistoryDto? Smp);
