namespace Parley.Formats.Decide;

/// <summary>One field of a decide record: its text (quotes removed) and the 1-based column where it starts.</summary>
internal readonly record struct DecideField(string Text, int Column);

/// <summary>One line of a decide file, split into fields.</summary>
internal sealed record DecideRecord(int Line, IReadOnlyList<DecideField> Fields)
{
    public string Tag => Fields.Count > 0 ? Fields[0].Text.Trim() : "";

    public DecideField? Field(int index) => index < Fields.Count ? Fields[index] : null;

    /// <summary>
    /// Splits a line on the delimiter; a field may be quoted with single or double quotes (a doubled quote inside
    /// stands for one), as Python's csv module reads decide's files.
    /// </summary>
    /// <param name="maxFields">The most fields read; the rest of the line is not split.</param>
    public static DecideRecord Parse(int line, string text, char delimiter, int maxFields = int.MaxValue)
    {
        var fields = new List<DecideField>();
        int i = 0;
        while (fields.Count < maxFields)
        {
            int start = i;
            var sb = new System.Text.StringBuilder();
            if (i < text.Length && (text[i] == '\'' || text[i] == '"'))
            {
                char quote = text[i++];
                while (i < text.Length)
                {
                    if (text[i] == quote)
                    {
                        if (i + 1 < text.Length && text[i + 1] == quote) { sb.Append(quote); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(text[i++]);
                }
                // Anything between the closing quote and the delimiter is kept, as csv does.
                while (i < text.Length && text[i] != delimiter) sb.Append(text[i++]);
            }
            else
            {
                while (i < text.Length && text[i] != delimiter) sb.Append(text[i++]);
            }
            fields.Add(new DecideField(sb.ToString(), start + 1));
            if (i >= text.Length) break;
            i++; // the delimiter
        }
        return new DecideRecord(line, fields);
    }
}
