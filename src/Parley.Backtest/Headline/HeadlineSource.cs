using System.Globalization;
using System.Text;
using Parley.Core.Power;

namespace Parley.Backtest.Headline;

/// <summary>
/// Writes a fitted <see cref="HeadlineModel"/> as the C# expression that freezes it in the product
/// (src/Parley.Application/Headline/ShippedHeadline.cs); numbers in round-trip form, so the frozen model is the fitted one.
/// </summary>
public static class HeadlineSource
{
    public static string CSharp(HeadlineSpec spec)
    {
        var sb = new StringBuilder("new HeadlineSpec(new Dictionary<HeadlineRuleGroup, HeadlineModel>\n{\n");
        foreach (var (group, model) in spec.Models.OrderBy(m => m.Key))
            sb.Append("    [HeadlineRuleGroup.").Append(group).Append("] = ").Append(CSharp(model).Replace("\n", "\n    ")).Append(",\n");
        return sb.Append("})").ToString();
    }

    public static string CSharp(HeadlineModel model)
    {
        var sb = new StringBuilder("new HeadlineModel(\n    ");
        sb.Append(model.Combination switch
        {
            CompromiseCombination c => $"new CompromiseCombination({Basis(c.Basis)})",
            StackCombination s => $"new StackCombination({Basis(s.Basis)}, {Numbers(s.Coefficients)})",
            ConvexCombination v => $"new ConvexCombination({Basis(v.Basis)}, {Numbers(v.Weights)})",
            _ => throw new ArgumentException($"no source form for {model.Combination.GetType().Name}"),
        });
        sb.Append(",\n    new HeadlineInterval(IntervalScaling.").Append(model.Interval.Scaling).Append(",\n        ")
          .Append(Numbers(model.Interval.Quantiles)).Append("))");
        return sb.ToString();
    }

    public static string Basis(CapabilityBasis basis) => basis switch
    {
        _ when basis == CapabilityBasis.Resources => "CapabilityBasis.Resources",
        _ when basis == CapabilityBasis.VotingPower => "CapabilityBasis.VotingPower",
        CapabilityBasis.MixBasis m => $"CapabilityBasis.Mix({R(m.Alpha)})",
        _ => throw new ArgumentException($"no source form for {basis}"),
    };

    private static string Numbers(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(R)) + "]";

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
