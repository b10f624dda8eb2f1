namespace Parley.Core.Models;

/// <summary>
/// A setting a model accepts (for `parley models` and for rejecting unknown settings), with its default as text. The
/// typed kinds (<see cref="IntParameter"/>, <see cref="DoubleParameter"/>, <see cref="BoolParameter"/>,
/// <see cref="ChoiceParameter{T}"/>) also read and check the value, so a model declares each setting and its default
/// once and reads it through the declaration.
/// </summary>
public record ModelParameter(string Name, string Description, string Default)
{
    /// <summary>Reads the setting when it is given (a value the model cannot use throws <see cref="ModelSettingException"/>).</summary>
    public virtual void Check(ModelSettings settings) { }
}

/// <summary>What a model is, for the catalogue: its name on the command line, one line, and its source.</summary>
public sealed record ModelInfo(
    string Name,
    string Summary,
    string Citation,
    bool IsDynamic = false,
    bool IsMultiIssue = false,
    IReadOnlyList<ModelParameter>? Parameters = null)
{
    public IReadOnlyList<ModelParameter> Parameters { get; init; } = Parameters ?? [];

    /// <summary>True when the model uses the scenario's ideal_adjustment (<see cref="Domain.Scenario.IdealAdjustments"/>).</summary>
    public bool UsesIdealAdjustment { get; init; }

    /// <summary>Whether the model declares a setting of this name (ignoring case): the one test of "does it take this setting".</summary>
    public bool Declares(string setting) =>
        Parameters.Any(p => string.Equals(p.Name, setting, StringComparison.OrdinalIgnoreCase));

    /// <summary>The declared settings' names, comma-separated (for messages).</summary>
    public string ParameterNames => string.Join(", ", Parameters.Select(p => p.Name));
}
