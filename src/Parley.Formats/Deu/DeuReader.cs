using System.Globalization;
using Parley.Core.Domain;

namespace Parley.Formats.Deu;

/// <summary>
/// Reads the DEU ("Decision-making in the European Union") data set in its tab-separated form: a header row of
/// (optionally double-quoted) column names, optionally a row without identifiers holding one number per actor (the
/// GDP row the blksv/predictioneers_game redistribution adds), then one issue per row. Columns are found by name:
/// <c>prnr</c> (proposal), <c>isnr</c> (issue), <c>prname</c>, <c>proc</c> (COD/CNS), <c>counvte</c> (QMV/Unan),
/// <c>intro</c>, <c>finact</c>, <c>p&lt;actor&gt;</c> / <c>s&lt;actor&gt;</c> (position / salience, 0–100),
/// <c>rp</c> (reference point) and <c>out</c> (outcome). A blank position means the actor is not involved.
/// Sources: Thomson et al. (2006, 2011), The European Union Decides; Arregui &amp; Perarnaud (2022) JEPP (DEU III),
/// doi:10.34810/data53. Never throws on bad input: every problem is a located <see cref="Diagnostic"/>.
/// </summary>
public static class DeuReader
{
    private static readonly string[] Required = ["prnr", "isnr", "prname", "proc", "counvte", "intro", "finact", "rp", "out"];

    /// <summary>The most columns a DEU file may have (DEU III has 77), so a line of a million tabs is not split.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>The most issue rows a DEU file may have (DEU III has 363).</summary>
    public const int MaxRows = 100_000;

    /// <summary>True when the first line is a tab-separated header naming the DEU's key columns.</summary>
    public static bool Recognises(string content)
    {
        int end = content.IndexOf('\n');
        var first = end < 0 ? content : content[..end];
        if (first.AsSpan().Count('\t') >= MaxColumns) return false;
        var header = SplitLine(first).Select(c => c.Text).ToArray();
        return header.Length > 1 && Required.All(r => header.Contains(r, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Reads a DEU file (through <see cref="InputFile"/>: a regular file of at most 50 MB).</summary>
    public static LoadResult<DeuDataset> Load(string path)
    {
        var text = InputFile.ReadText(path);
        return text.Ok ? Read(path, text.Value!) : LoadResult<DeuDataset>.Fail(text.Errors);
    }

    public static LoadResult<DeuDataset> Read(string displayPath, string content)
    {
        var errors = new List<Diagnostic>();
        var lines = new StringReader(content);
        var first = lines.ReadLine();
        if (first is null || first.Trim().Length == 0)
            return LoadResult<DeuDataset>.Fail([new Diagnostic(displayPath, 1, 1, "header", "the file is empty", "a tab-separated DEU header")]);
        if (first.AsSpan().Count('\t') >= MaxColumns)
            return LoadResult<DeuDataset>.Fail([new Diagnostic(displayPath, 1, 1, "header", $"more than {MaxColumns:N0} columns", "the DEU columns, one per tab")]);
        var header = SplitLine(first).Select(c => c.Text.ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>();
        for (int k = 0; k < header.Length; k++) index.TryAdd(header[k], k);
        foreach (var r in Required)
            if (!index.ContainsKey(r))
                errors.Add(new Diagnostic(displayPath, 1, 1, "header", $"column '{r}' is missing",
                    "the DEU columns " + string.Join(", ", Required) + ", p<actor>, s<actor>"));
        var actors = header.Where(h => h.Length > 1 && h[0] == 'p' && index.ContainsKey("s" + h[1..]))
            .Select(h => h[1..]).Distinct().ToArray();
        if (actors.Length == 0)
            errors.Add(new Diagnostic(displayPath, 1, 1, "header", "no actor columns", "pairs p<actor>, s<actor>, e.g. pcom, scom"));
        if (errors.Count > 0) return LoadResult<DeuDataset>.Fail(errors);

        var issues = new List<DeuIssue>();
        Dictionary<string, double>? gdp = null;
        var seen = new HashSet<string>();
        int lineNo = 1, rows = 0;
        for (var text = lines.ReadLine(); text is not null; text = lines.ReadLine())
        {
            lineNo++;
            if (text.Trim().Length == 0) continue;
            if (errors.Count >= Diagnostic.MaxCollected)
            {
                errors.Add(Diagnostic.TooMany(displayPath, lineNo));
                break;
            }
            if (++rows > MaxRows)
            {
                errors.Add(new Diagnostic(displayPath, lineNo, 1, "row", $"more than {MaxRows:N0} rows", $"at most {MaxRows:N0} issue rows"));
                break;
            }
            int fields = text.AsSpan().Count('\t') + 1; // counted before splitting: a line of a million tabs is not split
            if (fields != header.Length)
            {
                errors.Add(new Diagnostic(displayPath, lineNo, 1, "row", $"{fields} fields, the header has {header.Length}",
                    "one tab-separated field per header column"));
                continue;
            }
            var row = new Row(displayPath, lineNo, header, index, SplitLine(text), errors);
            if (string.IsNullOrWhiteSpace(row.Text("isnr")) && string.IsNullOrWhiteSpace(row.Text("prnr")))
            {
                if (issues.Count == 0 && gdp is null)
                {
                    gdp = new Dictionary<string, double>();
                    foreach (var a in actors)
                        if (row.Number("p" + a, InputBounds.MinPositive, InputBounds.MaxMagnitude) is { } v) gdp[a] = v;
                    continue;
                }
                errors.Add(new Diagnostic(displayPath, lineNo, 1, "isnr", "the issue has no identifier", "prnr and isnr on every issue row"));
                continue;
            }
            bool identified = true;
            foreach (var id in new[] { "prnr", "isnr" })
                if (string.IsNullOrWhiteSpace(row.Text(id)))
                {
                    errors.Add(row.Error(id, $"the issue has no {(id == "prnr" ? "proposal" : "issue")} identifier", "prnr and isnr on every issue row"));
                    identified = false;
                }
            if (!identified) continue;
            int before = errors.Count;
            var issue = ReadIssue(row, actors);
            if (errors.Count > before) continue;
            if (!seen.Add(issue.IssueId))
            {
                errors.Add(row.Error("isnr", $"duplicate issue '{issue.IssueId}'", "each isnr once"));
                continue;
            }
            issues.Add(issue);
        }
        if (errors.Count > 0) return LoadResult<DeuDataset>.Fail(errors);
        if (issues.Count == 0)
            return LoadResult<DeuDataset>.Fail([new Diagnostic(displayPath, 2, 1, "row", "no issue rows", "one row per issue after the header")]);
        return LoadResult<DeuDataset>.Success(new DeuDataset(issues, gdp));
    }

    private static DeuIssue ReadIssue(Row row, string[] actors)
    {
        var stances = new List<DeuStance>();
        foreach (var a in actors)
        {
            var pos = row.Number("p" + a, 0, 100);
            var sal = row.Number("s" + a, 0, 100);
            if (sal is { } s && InputBounds.SalienceFloor(s / 100) is not null)
            {
                row.Report("s" + a, $"{s.ToString(CultureInfo.InvariantCulture)} is too small to be told from 0", "0, or 1e-7..100, or blank");
                sal = null;
            }
            if (pos is { } p) stances.Add(new DeuStance(a, p, sal));
        }
        return new DeuIssue(row.LineNumber, row.Text("prnr"), row.Text("isnr"), row.Text("prname"), row.Text("proc"),
            row.Text("counvte"), row.Date("intro"), row.Date("finact"), stances,
            row.Number("rp", 0, 100), row.Number("out", 0, 100));
    }

    internal readonly record struct Cell(string Text, int Column);

    /// <summary>Splits a tab-separated line; strips one pair of surrounding double quotes ("" inside = one quote).</summary>
    internal static List<Cell> SplitLine(string line)
    {
        var cells = new List<Cell>();
        int start = 0;
        while (true)
        {
            int tab = line.IndexOf('\t', start);
            var raw = tab < 0 ? line[start..] : line[start..tab];
            var t = raw.Trim();
            if (t.Length >= 2 && t[0] == '"' && t[^1] == '"') t = t[1..^1].Replace("\"\"", "\"");
            cells.Add(new Cell(t, start + 1));
            if (tab < 0) break;
            start = tab + 1;
        }
        return cells;
    }

    private sealed class Row(string path, int line, string[] header, Dictionary<string, int> index, List<Cell> cells, List<Diagnostic> errors)
    {
        public int LineNumber => line;

        public string Text(string column) => cells[index[column]].Text;

        public Diagnostic Error(string column, string message, string allowed) =>
            new(path, line, cells[index[column]].Column, column, message, allowed);

        public void Report(string column, string message, string allowed) => errors.Add(Error(column, message, allowed));

        public double? Number(string column, double min, double max)
        {
            var cell = cells[index[column]];
            if (cell.Text.Length == 0) return null;
            if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                errors.Add(new Diagnostic(path, line, cell.Column, header[index[column]], $"'{cell.Text}' is not a number", Range(min, max)));
                return null;
            }
            if (v < min || v > max)
            {
                errors.Add(new Diagnostic(path, line, cell.Column, header[index[column]], $"{cell.Text} is out of range", Range(min, max)));
                return null;
            }
            if (InputBounds.Magnitude(v) is { } tiny)
            {
                errors.Add(new Diagnostic(path, line, cell.Column, header[index[column]], tiny, Range(min, max)));
                return null;
            }
            return v;
        }

        private static string Range(double min, double max) => min == InputBounds.MinPositive
            ? InputBounds.CapabilityAllowed + ", or blank"
            : $"a number in {min.ToString("0.##", CultureInfo.InvariantCulture)}..{max.ToString("0.##", CultureInfo.InvariantCulture)}, or blank";

        public DateOnly? Date(string column)
        {
            var cell = cells[index[column]];
            if (DeuDate.TryParse(cell.Text, out var d, out var err)) return d;
            errors.Add(new Diagnostic(path, line, cell.Column, column, err!,
                "DD-MM-YY, DD-MM-YYYY, a spreadsheet's YYYY-MM-DD rewrite of DD-MM-YY, or a missing-value code (999)"));
            return null;
        }
    }
}
