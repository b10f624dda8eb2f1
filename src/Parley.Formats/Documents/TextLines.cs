namespace Parley.Formats.Documents;

/// <summary>
/// Maps a character offset of a text to the line and column an editor shows: lines end at "\n", "\r\n" or a lone
/// "\r", and at nothing else. YamlDotNet also ends lines at NEL (U+0085) and the Unicode line and paragraph
/// separators (U+2028, U+2029), as YAML 1.1 says; editors do not, so a file holding one would have every later
/// error reported a line too far. Columns count UTF-16 characters from 1.
/// </summary>
internal sealed class TextLines
{
    private readonly List<int> _starts = [0];

    public TextLines(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch == '\n' || (ch == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) _starts.Add(i + 1);
        }
    }

    public Mark At(long offset)
    {
        int index = (int)Math.Clamp(offset, 0, int.MaxValue);
        int line = _starts.BinarySearch(index);
        if (line < 0) line = ~line - 1;
        return new Mark(line + 1, index - _starts[line] + 1);
    }
}
