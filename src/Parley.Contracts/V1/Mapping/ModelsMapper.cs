using Parley.Core.Models;

namespace Parley.Contracts.V1;

/// <summary>Maps the model catalogue to the `models --json` document.</summary>
public static class ModelsMapper
{
    public static ModelsDocument Map(IEnumerable<ModelInfo> models) =>
        new(models.Select(m => new ModelInfoDto(m.Name, m.Summary, m.Citation, m.IsDynamic, m.IsMultiIssue, m.UsesIdealAdjustment,
            m.Parameters.Select(p => new ModelSettingDto(p.Name, p.Default, p.Description)).ToArray())).ToArray());
}
