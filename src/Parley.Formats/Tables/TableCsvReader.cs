using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Parley.Core.Domain;
using Parley.Formats.Documents;

namespace Parley.Formats.Tables;

/// <summary>
/// Reads the one-issue table the field publishes (Bueno de Mesquita's EU emissions case, the Sultan data…):
/// header <c>Actor,Capability,Position,Salience</c> (any order and case), one row per actor. Saliences on 0–1, or
/// on 0–100 when any exceeds 1 (said in a notice). The scale is the range of the positions unless
/// <see cref="ReadOptions.Scale"/> is given. Line endings may be LF, CRLF or the old Mac's CR.
/// </summary>
public sealed class TableCsvReader : IScenarioReader
{
    public static readonly string[] Columns = ["Actor", "Capability", "Position", "Salience"];
    private const string HeaderAllowed = "a header row Actor,Capability,Position,Salience";
    private const int MaxFields = 100;

    public string Format => "csv";
    public IReadOnlyList<string> Extensions { get; } = [".csv"];

    /// <summary>True when the first non-blank line is exactly this table's header (in any order and case).</summary>
    public bool Recognises(string content)
    {
        var header = FirstLine(content);
        if (header is null) return false;
        var names = header.Split(',').Select(n => n.Trim().Trim('"').Trim().ToLowerInvariant()).ToHashSet();
        return names.Count == Columns.Length && Columns.All(c => names.Contains(c.ToLowerInvariant()));
    }

    public LoadResult<Scenario> Read(string displayPath, string content, ReadOptions options)
    {
        var errors = new List<Diagnostic>();
        var rows = ReadRows(displayPath, content.TrimStart('\uFEFF'), errors, out int rowCount);
        if (rows is null) return LoadResult<Scenario>.Fail(errors);
        return new TableBuilder(displayPath, options, errors).Build(rows, rowCount);
    }

    /// <summary>
    /// Parses the CSV and checks the header; null when the table is unusable. A row with the wrong number of fields
    /// is reported and left out, and the other rows are still returned, so that their problems are reported too.
    /// </summary>
    private static List<TableRow>? ReadRows(string file, string content, List<Diagnostic> errors, out int rowCount)
    {
        rowCount = 0;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            BadDataFound = null,
        };
        var rows = new List<TableRow>();
        using var parser = new CsvParser(new StringReader(content), config);
        int[]? columnOf = null;
        try
        {
            while (parser.Read())
            {
                if (parser.Count > MaxFields)
                {
                    // not materialised: a row of a million commas would be a million strings
                    errors.Add(new Diagnostic(file, parser.RawRow, 1, columnOf is null ? "header" : $"row {parser.RawRow}",
                        $"the row has {parser.Count:N0} fields", "one value per column: Actor,Capability,Position,Salience"));
                    if (columnOf is null || errors.Count >= Diagnostic.MaxCollected) return null;
                    rowCount++;
                    continue;
                }
                var record = parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                var line = parser.RawRow;
                var starts = FieldStarts(parser.RawRecord);
                if (columnOf is null)
                {
                    columnOf = ReadHeader(file, line, record, starts, errors);
                    if (columnOf is null) return null;
                    continue;
                }
                if (++rowCount > ReadLimits.MaxActors)
                {
                    errors.Add(new Diagnostic(file, line, 1, $"row {line}", $"more than {ReadLimits.MaxActors:N0} actor rows", $"at most {ReadLimits.MaxActors:N0} actors"));
                    return null;
                }
                if (errors.Count >= Diagnostic.MaxCollected)
                {
                    errors.Add(Diagnostic.TooMany(file, line));
                    return null;
                }
                if (record.Length != columnOf.Length)
                {
                    errors.Add(new Diagnostic(file, line, 1, $"row {line}", $"the row has {record.Length} field(s), the header {columnOf.Length}",
                        "one value per column: Actor,Capability,Position,Salience"));
                    continue;
                }
                var cells = new Cell[Columns.Length];
                for (int c = 0; c < Columns.Length; c++)
                {
                    int k = columnOf[c];
                    cells[c] = new Cell(record[k], new Mark(line, k < starts.Count ? starts[k] : 1));
                }
                rows.Add(new TableRow(line, cells));
            }
        }
        catch (CsvHelperException e)
        {
            var line = e.Context?.Parser?.RawRow ?? 0;
            errors.Add(new Diagnostic(file, (int)line, 1, "", "malformed CSV: " + e.Message.Split('\n')[0].Trim(), HeaderAllowed));
            return null;
        }
        if (columnOf is null)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", "the file is empty", HeaderAllowed + " and one row per actor"));
            return null;
        }
        return rows;
    }

    /// <summary>Maps each required column to its index in the header; reports missing, unknown and repeated columns.</summary>
    private static int[]? ReadHeader(string file, long line, string[] header, IReadOnlyList<int> starts, List<Diagnostic> errors)
    {
        var index = new int[Columns.Length];
        Array.Fill(index, -1);
        if (header.Any(h => double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add(new Diagnostic(file, (int)line, 1, "header", "the header row is missing (the first row holds numbers)", HeaderAllowed));
            return null;
        }
        bool ok = true;
        for (int k = 0; k < header.Length; k++)
        {
            var name = header[k].Trim();
            int c = Array.FindIndex(Columns, x => string.Equals(x, name, StringComparison.OrdinalIgnoreCase));
            var mark = new Mark((int)line, k < starts.Count ? starts[k] : 1);
            if (c < 0)
            {
                errors.Add(new Diagnostic(file, mark.Line, mark.Column, "header", $"unknown column '{name}'", Suggestions.Allowed(name, Columns, HeaderAllowed + "; columns")));
                ok = false;
            }
            else if (index[c] >= 0)
            {
                errors.Add(new Diagnostic(file, mark.Line, mark.Column, "header", $"column '{name}' appears twice", HeaderAllowed));
                ok = false;
            }
            else index[c] = k;
        }
        for (int c = 0; c < Columns.Length; c++)
            if (index[c] < 0 && ok)
            {
                errors.Add(new Diagnostic(file, (int)line, 1, "header", $"missing column '{Columns[c]}'", HeaderAllowed));
                ok = false;
            }
        return ok ? index : null;
    }

    /// <summary>The 1-based character column where each field of a raw record starts (delimiters inside quotes skipped).</summary>
    internal static IReadOnlyList<int> FieldStarts(string raw)
    {
        var starts = new List<int> { 1 };
        bool quoted = false;
        for (int i = 0; i < raw.Length; i++)
        {
            char ch = raw[i];
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) starts.Add(i + 2);
            else if ((ch == '\r' || ch == '\n') && !quoted) break;
        }
        return starts;
    }

    /// <summary>The first non-blank line, if it is short enough to be a header (a huge first line is not split).</summary>
    private static string? FirstLine(string content)
    {
        var rest = content.AsSpan().TrimStart('\uFEFF');
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOfAny('\r', '\n');
            var line = end < 0 ? rest : rest[..end];
            if (!line.IsWhiteSpace()) return line.Length <= 1000 ? line.ToString() : null;
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return null;
    }
}

/// <summary>One cell of the table: its text and where it starts.</summary>
internal readonly record struct Cell(string Text, Mark At);

/// <summary>One actor row, cells in the order Actor, Capability, Position, Salience.</summary>
internal sealed record TableRow(long Line, Cell[] Cells)
{
    public Cell Actor => Cells[0];
    public Cell Capability => Cells[1];
    public Cell Position => Cells[2];
    public Cell Salience => Cells[3];
}
