using System.Globalization;
using System.Text;

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

    /// <summary>True when the first line is a tab-separated header naming the DEU's key columns.</summary>
    public static bool Recognises(string content)
    {
        int end = content.IndexOf('\n');
        var header = SplitLine(end < 0 ? content : content[..end]).Select(c => c.Text).ToArray();
        return header.Length > 1 && Required.All(r => header.Contains(r, StringComparer.OrdinalIgnoreCase));
    }

    public static LoadResult<DeuDataset> Load(string path)
    {
        if (!File.Exists(path)) return LoadResult<DeuDataset>.Fail([new Diagnostic(path, 0, 0, "", "file not found")]);
        if (new FileInfo(path).Length > ScenarioFiles.MaxBytes)
            return LoadResult<DeuDataset>.Fail([new Diagnostic(path, 0, 0, "", "file too large", $"at most {ScenarioFiles.MaxBytes:N0} bytes")]);
        return Read(path, File.ReadAllText(path, Encoding.UTF8));
    }

    public static LoadResult<DeuDataset> Read(string displayPath, string content)
    {
        var errors = new List<Diagnostic>();
        var lines = content.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
            return LoadResult<DeuDataset>.Fail([new Diagnostic(displayPath, 1, 1, "header", "the file is empty", "a tab-separated DEU header")]);
        var header = SplitLine(lines[0]).Select(c => c.Text.ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>();
        for (int k = 0; k < header.Length; k++) index.TryAdd(header[k], k);
        foreach (var r in Required)
            if (!index.ContainsKey(r))
                errors.Add(new Diagnostic(displayPath, 1, 1, "header", $"column '{r}' is missing",
                    "the DEU columns " + string.Join(", ", Required) + ", p<actor>, s<actor>"));
        var actors = header.Where(h => h.Length > 1 && h[0] == 'p' && index.ContainsKey("s" + h[1..]))
            .Select(h => h[1..]).ToArray();
        if (actors.Length == 0)
            errors.Add(new Diagnostic(displayPath, 1, 1, "header", "no actor columns", "pairs p<actor>, s<actor>, e.g. pcom, scom"));
        if (errors.Count > 0) return LoadResult<DeuDataset>.Fail(errors);

        var issues = new List<DeuIssue>();
        Dictionary<string, double>? gdp = null;
        var seen = new HashSet<string>();
        for (int li = 1; li < lines.Length; li++)
        {
            if (lines[li].Trim().Length == 0) continue;
            int lineNo = li + 1;
            var cells = SplitLine(lines[li]);
            if (cells.Count != header.Length)
            {
                errors.Add(new Diagnostic(displayPath, lineNo, 1, "row", $"{cells.Count} fields, the header has {header.Length}",
                    "one tab-separated field per header column"));
                continue;
            }
            var row = new Row(displayPath, lineNo, header, index, cells, errors);
            if (row.Text("isnr").Length == 0 && row.Text("prnr").Length == 0)
            {
                if (issues.Count == 0 && gdp is null)
                {
                    gdp = new Dictionary<string, double>();
                    foreach (var a in actors)
                        if (row.Number("p" + a, double.MinValue, double.MaxValue) is { } v) gdp[a] = v;
                    continue;
                }
                errors.Add(new Diagnostic(displayPath, lineNo, 1, "isnr", "the issue has no identifier", "prnr and isnr on every issue row"));
                continue;
            }
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

        public double? Number(string column, double min, double max)
        {
            var cell = cells[index[column]];
            if (cell.Text.Length == 0) return null;
            if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                errors.Add(new Diagnostic(path, line, cell.Column, header[index[column]], $"'{cell.Text}' is not a number",
                    min == double.MinValue ? "a number or blank" : $"a number in {min:0.##}..{max:0.##}, or blank"));
                return null;
            }
            if (v < min || v > max)
            {
                errors.Add(new Diagnostic(path, line, cell.Column, header[index[column]], $"{cell.Text} is out of range",
                    $"{min:0.##}..{max:0.##}, or blank"));
                return null;
            }
            return v;
        }

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
