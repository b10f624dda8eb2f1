using System.Globalization;
using Parley.Formats.Documents;

namespace Parley.Formats.Scenarios;

/// <summary>Reads scalars as text, numbers (invariant culture, finite only) and booleans, reporting wrong types.</summary>
internal static class ScalarValues
{
    private static readonly HashSet<string> YamlNonFinite = new(StringComparer.OrdinalIgnoreCase)
    {
        ".nan", ".inf", "+.inf", "-.inf", "nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞", "-∞",
    };

    public static string? Text(BindContext context, LocatedNode node, string field, string allowed)
    {
        if (node is ScalarNode { IsNull: false } s) return s.Text;
        context.Error(node, field, $"expected text, got {node.Describe()}", allowed);
        return null;
    }

    /// <summary>Parses a number written without quotes; reports text, NaN and infinities.</summary>
    public static double? Number(BindContext context, LocatedNode node, string field, string allowed)
    {
        if (node is not ScalarNode s || s.IsNull)
        {
            context.Error(node, field, $"expected a number, got {node.Describe()}", allowed);
            return null;
        }
        var text = s.Text.Trim();
        if (YamlNonFinite.Contains(text))
        {
            context.Error(node, field, $"'{text}' is not a finite number", allowed);
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            context.Error(node, field, $"expected a number, got {s.Describe()}", allowed);
            return null;
        }
        if (!double.IsFinite(value))
        {
            context.Error(node, field, $"'{text}' is not a finite number", allowed);
            return null;
        }
        if (s.Quoted)
        {
            context.Error(node, field, $"expected a number, got {s.Describe()} (a quoted string)", "write the number without quotes; " + allowed);
            return null;
        }
        return value;
    }

    public static bool? Bool(BindContext context, LocatedNode node, string field)
    {
        if (node is ScalarNode { Quoted: false } s)
        {
            if (string.Equals(s.Text, "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(s.Text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        }
        context.Error(node, field, $"expected true or false, got {node.Describe()}", "true or false");
        return null;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
