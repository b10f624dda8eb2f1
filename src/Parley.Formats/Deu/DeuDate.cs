using System.Globalization;

namespace Parley.Formats.Deu;

/// <summary>
/// Reads the dates of the DEU file's <c>intro</c> and <c>finact</c> columns, which come in three shapes because
/// a spreadsheet re-read some of them (see docs/decisions.md, "Backtesting and capability conventions"):
/// <list type="bullet">
/// <item><c>DD-MM-YY</c> (e.g. <c>26-01-00</c> = 26 Jan 2000); two-digit years 50–99 are 19YY, 00–49 are 20YY;</item>
/// <item><c>DD-MM-YYYY</c> (e.g. <c>26-09-2012</c>);</item>
/// <item><c>YYYY-MM-DD</c>, which is a <c>DD-MM-YY</c> date that a spreadsheet read as year-month-day and wrote
///   back with a four-digit year: <c>1930-05-01</c> was <c>30-05-01</c> = 30 May 2001, <c>2023-07-01</c> was
///   <c>23-07-01</c> = 23 Jul 2001 (years 30–99 became 19YY, 00–29 became 20YY). The last two digits of the
///   "year" are the day and the "day" is the two-digit year. Read this way every final act in the file falls on or
///   after its proposal's introduction; read literally, 171 final acts would precede their proposals or lie in 1930.</item>
/// </list>
/// A bare number such as <c>999</c> is DEU's code for "missing" and reads as no date.
/// </summary>
public static class DeuDate
{
    /// <summary>Parses one cell: a date, null for a missing-value code or blank, or an error message.</summary>
    public static bool TryParse(string text, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        var s = text.Trim();
        if (s.Length == 0 || s.All(char.IsDigit)) return true; // blank or a missing-value code (999)
        var parts = s.Split('-');
        // at most four ASCII digits a part, so parsing cannot overflow (nor meet a digit of another script)
        if (parts.Length != 3 || parts.Any(p => p.Length is 0 or > 4 || !p.All(char.IsAsciiDigit)))
        {
            error = $"'{text}' is not a date";
            return false;
        }
        int a = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int m = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int c = int.Parse(parts[2], CultureInfo.InvariantCulture);
        int day, year;
        if (parts[0].Length == 4 && parts[2].Length == 2)
        {
            day = a % 100; // a spreadsheet's YYYY-MM-DD rewrite of DD-MM-YY
            year = TwoDigitYear(c);
        }
        else if (parts[0].Length <= 2 && parts[2].Length == 4)
        {
            day = a;
            year = c;
        }
        else if (parts[0].Length <= 2 && parts[2].Length <= 2)
        {
            day = a;
            year = TwoDigitYear(c);
        }
        else
        {
            error = $"'{text}' is not a date";
            return false;
        }
        if (m < 1 || m > 12 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, m))
        {
            error = $"'{text}' is not a valid date (read as day {day}, month {m}, year {year})";
            return false;
        }
        date = new DateOnly(year, m, day);
        return true;
    }

    private static int TwoDigitYear(int yy) => yy >= 50 ? 1900 + yy : 2000 + yy;
}
