using System.Globalization;

namespace Parley.Core.Models;

/// <summary>A whole-number setting in <see cref="Min"/>..<see cref="Max"/>.</summary>
public sealed record IntParameter(string Name, string Description, int Value, int Min = int.MinValue, int Max = int.MaxValue)
    : ModelParameter(Name, Description, Value.ToString(CultureInfo.InvariantCulture))
{
    public int Read(ModelSettings settings) => settings.GetInt(Name, Value, Min, Max);
    public override void Check(ModelSettings settings) => Read(settings);
}

/// <summary>A finite number setting in <see cref="Min"/>..<see cref="Max"/>.</summary>
public sealed record DoubleParameter(string Name, string Description, double Value, double Min = double.MinValue, double Max = double.MaxValue)
    : ModelParameter(Name, Description, Value.ToString("R", CultureInfo.InvariantCulture))
{
    public double Read(ModelSettings settings)
    {
        double v = settings.GetDouble(Name, Value);
        if (v < Min && Max == double.MaxValue)
            throw new ModelSettingException($"{settings.Label(Name)}: {v.ToString(CultureInfo.InvariantCulture)} must be >= {Min.ToString(CultureInfo.InvariantCulture)}");
        if (v < Min || v > Max)
            throw new ModelSettingException($"{settings.Label(Name)}: {v.ToString(CultureInfo.InvariantCulture)} is not in " +
                                            $"{Min.ToString(CultureInfo.InvariantCulture)}..{Max.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }

    public override void Check(ModelSettings settings) => Read(settings);
}

/// <summary>An on/off setting (<paramref name="Written"/>: the default as `parley models` shows it, if not on/off).</summary>
public sealed record BoolParameter(string Name, string Description, bool Value, string? Written = null)
    : ModelParameter(Name, Description, Written ?? (Value ? "on" : "off"))
{
    public bool Read(ModelSettings settings) => settings.GetBool(Name, Value);
    public override void Check(ModelSettings settings) => Read(settings);
}

/// <summary>
/// A choice among an enum's values, written in kebab case (e.g. <c>median-stable</c>; <paramref name="Written"/>: the
/// default as `parley models` shows it, where the literature spells it otherwise).
/// </summary>
public sealed record ChoiceParameter<T>(string Name, string Description, T Value, string? Written = null)
    : ModelParameter(Name, Description, Written ?? ModelSettings.Spelling(Value)) where T : struct, Enum
{
    public T Read(ModelSettings settings) => settings.GetEnum(Name, Value);
    public override void Check(ModelSettings settings) => Read(settings);
}
