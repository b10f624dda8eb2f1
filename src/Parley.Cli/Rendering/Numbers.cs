using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Cli.Rendering;

/// <summary>Formats values for people: as many decimals as the scale's width warrants, invariant culture.</summary>
public static class Numbers
{
    public static string OnScale(double value, Scale scale)
    {
        int decimals = scale.Width <= 10 ? 2 : 1;
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    public static string Plain(double value, int decimals = 2) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
