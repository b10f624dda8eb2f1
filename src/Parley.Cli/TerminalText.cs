using System.Globalization;
using System.Text;

namespace Parley.Cli;

/// <summary>
/// Text from inputs made safe for a terminal: control characters (C0 but tab and newline, DEL, C1), Unicode
/// non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF...), lone surrogates and the line/paragraph separators are written as
/// visible escapes (<c>\x1b</c>, <c>\uffff</c>), so a title cannot move the cursor, ring the bell, inject escape
/// sequences or crash the table renderer.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character escaped (unchanged, and not copied, when all are safe).</summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        int first = FirstUnsafe(text);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, text[i + 1]);
                if (IsNonCharacter(cp)) sb.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
                else sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsUnsafe(c)) sb.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary><see cref="Safe"/> then escaped for Spectre.Console markup: what every table cell from input goes through.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Safe(text));

    private static int FirstUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNonCharacter(char.ConvertToUtf32(c, text[i + 1]))) return i;
                i++;
            }
            else if (IsUnsafe(c)) return i;
        }
        return -1;
    }

    /// <summary>A single UTF-16 unit that must not reach a terminal as is (a paired surrogate is checked by the caller).</summary>
    private static bool IsUnsafe(char c) =>
        (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) || c is '\u2028' or '\u2029'
        || char.IsSurrogate(c) || IsNonCharacter(c);

    /// <summary>Unicode's 66 non-characters: U+FDD0–U+FDEF and the last two code points of every plane.</summary>
    private static bool IsNonCharacter(int cp) => cp is >= 0xFDD0 and <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
}

/// <summary>A writer that passes text through <see cref="TerminalText.Safe"/> (stderr, plain stdout): nothing raw reaches the terminal.</summary>
public sealed class SafeTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        // a lone char: pairs of surrogates written char by char pass through (the pair is checked where strings are)
        if (char.IsSurrogate(value) || value == '\r') inner.Write(value);
        else inner.Write(TerminalText.Safe(value.ToString()));
    }

    public override void Write(string? value) => inner.Write(TerminalText.Safe(value));
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
    public override void WriteLine(string? value) => inner.WriteLine(TerminalText.Safe(value));
    public override void WriteLine() => inner.WriteLine();
    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Flush();
        base.Dispose(disposing);
    }
}
