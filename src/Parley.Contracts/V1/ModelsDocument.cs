namespace Parley.Contracts.V1;

/// <summary>`parley models --json`: the catalogue, in the order `parley models` lists it.</summary>
public sealed record ModelsDocument(IReadOnlyList<ModelInfoDto> Models);

public sealed record ModelInfoDto(
    string Name,
    string Summary,
    string Citation,
    bool Dynamic,
    bool MultiIssue,
    bool UsesIdealAdjustment,
    IReadOnlyList<ModelSettingDto> Settings);

/// <summary>One setting (`--option NAME=VALUE`): its name, its default and what it does.</summary>
public sealed record ModelSettingDto(string Name, string Default, string Description);
