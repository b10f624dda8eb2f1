using System.Globalization;
using System.Text;

namespace Parley.Formats;

/// <summary>
/// Keeps the text of a diagnostic or notice short and on one line, whatever value from the file it quotes: control
/// characters and Unicode line breaks are written as escapes (\n, \u2028), a quoted value ('…' or "…") longer than
/// <see cref="MaxQuoted"/> characters and any unbroken run longer than <see cref="MaxWord"/> are cut with an ellipsis
/// (keeping the words around them, which say what is wrong), and the whole is cut to its limit.
/// </summary>
public static class DiagnosticText
{
    public const int MaxQuoted = 60;
    public const int MaxWord = 80;
    private const char Ellipsis = '…';

    /// <summary>The text on one line, shortened to at most <paramref name="max"/> characters.</summary>
    public static string Bound(string? text, int max)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var s = CutWords(CutQuoted(OneLine(text)));
        return Cut(s, max);
    }

    /// <summary>The text with control characters and line breaks escaped (nothing cut).</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(NeedsEscape)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
            sb.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsEscape(ch) => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        return sb.ToString();
    }

    private static bool NeedsEscape(char ch) => char.IsControl(ch) || ch is '\u2028' or '\u2029';

    /// <summary>The first <paramref name="max"/> − 1 characters and an ellipsis (a surrogate pair is not split).</summary>
    public static string Cut(string s, int max)
    {
        if (s.Length <= max) return s;
        int keep = Math.Max(0, max - 1);
        if (keep > 0 && char.IsHighSurrogate(s[keep - 1])) keep--;
        return string.Concat(s.AsSpan(0, keep), Ellipsis.ToString());
    }

    /// <summary>
    /// Cuts long quoted values. A quote opens a value at the start or after a space or an opening bracket, and closes
    /// it before the end, a space or punctuation, so the apostrophe of "actor's" is not taken for a quote.
    /// </summary>
    private static string CutQuoted(string s)
    {
        if (s.Length <= MaxQuoted) return s;
        StringBuilder? sb = null;
        int copied = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char q = s[i];
            if (q is not ('\'' or '"') || !(i == 0 || s[i - 1] is ' ' or '(' or '[' or '{' or '=' or ':')) continue;
            int close = -1;
            for (int j = i + 1; j < s.Length; j++)
                if (s[j] == q && (j + 1 == s.Length || s[j + 1] is ' ' or ')' or ']' or '}' or ',' or ';' or ':' or '.' or '?' or '!'))
                {
                    close = j;
                    break;
                }
            if (close < 0) break;
            int length = close - i - 1;
            if (length > MaxQuoted)
            {
                sb ??= new StringBuilder(s.Length);
                sb.Append(s, copied, i + 1 - copied).Append(Cut(s.Substring(i + 1, length), MaxQuoted));
                copied = close;
            }
            i = close;
        }
        if (sb is null) return s;
        return sb.Append(s, copied, s.Length - copied).ToString();
    }

    /// <summary>Cuts every run of non-space characters longer than <see cref="MaxWord"/> (an unquoted value, a long path).</summary>
    private static string CutWords(string s)
    {
        if (s.Length <= MaxWord) return s;
        StringBuilder? sb = null;
        int copied = 0, start = 0;
        for (int i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && s[i] != ' ') continue;
            if (i - start > MaxWord)
            {
                sb ??= new StringBuilder(s.Length);
                sb.Append(s, copied, start - copied).Append(Cut(s.Substring(start, i - start), MaxWord));
                copied = i;
            }
            start = i + 1;
        }
        if (sb is null) return s;
        return sb.Append(s, copied, s.Length - copied).ToString();
    }
}
