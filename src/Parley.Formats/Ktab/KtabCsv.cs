using System.Globalization;

namespace Parley.Formats.Ktab;

/// <summary>KTAB's CSV layout (docs/specs/smp.md §4.2): a title row, a header row, then one row per actor.</summary>
internal sealed class KtabCsv(string file, string content)
{
    private readonly List<Diagnostic> _errors = [];

    private sealed record Field(string Text, int Column);

    /// <summary>The fields of a line, or null when it has more than <paramref name="max"/> (so a line of a million commas allocates nothing).</summary>
    private static List<Field>? Split(string line, int max)
    {
        if (line.AsSpan().Count(',') >= max) return null;
        var fields = new List<Field>();
        int start = 0;
        for (int i = 0; i <= line.Length; i++)
            if (i == line.Length || line[i] == ',')
            {
                fields.Add(new Field(line[start..i], start + 1));
                start = i + 1;
            }
        return fields;
    }

    private static string Clean(string s) => s.Trim().Trim('"').Trim();

    private double Number(Field f, int line, string field, string allowed)
    {
        var t = Clean(f.Text);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Report(new Diagnostic(file, line, f.Column, field, t.Length == 0 ? "missing number" : $"'{t}' is not a number", allowed));
        return double.NaN;
    }

    private int Count(Field f, int line, string field, int max)
    {
        var t = Clean(f.Text);
        var allowed = $"a whole number from 1 to {max:N0}";
        if (!long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 1)
            Report(new Diagnostic(file, line, f.Column, field, $"'{t}' is not a whole number >= 1", allowed));
        else if (v > max)
            Report(new Diagnostic(file, line, f.Column, field, $"{v:N0} is more than Parley reads", allowed));
        else return (int)v;
        return -1;
    }

    private LoadResult<KtabInput> TooManyFields(int line, int max) =>
        Fail(new Diagnostic(file, line, 1, "row", $"the row has more than {max:N0} fields", "one field per column, 3 + 2 per dimension"));

    public LoadResult<KtabInput> Read()
    {
        var lines = content.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        int last = lines.Length;
        while (last > 0 && lines[last - 1].Trim().Trim(',').Length == 0) last--;
        if (last < 2)
            return Fail(new Diagnostic(file, 1, 1, "", "a KTAB CSV needs a title row, a header row and one row per actor",
                "<name>,<description>,<actors>,<dimensions> / Actor,Description,Power,<dim>,<sal>,... / one row per actor"));
        // Every count is bounded before anything is allocated by it, and so is every row (KtabReader.MaxFields).
        var title = Split(lines[0], KtabReader.MaxFields);
        if (title is null) return TooManyFields(1, KtabReader.MaxFields);
        if (title.Count < 4)
            return Fail(new Diagnostic(file, 1, 1, "title row", $"{title.Count} fields", "<scenario name>,<description>,<number of actors>,<number of dimensions>"));
        int na = Count(title[2], 1, "number of actors", KtabReader.MaxActors);
        int nd = Count(title[3], 1, "number of dimensions", KtabReader.MaxDimensions);
        if (_errors.Count > 0) return LoadResult<KtabInput>.Fail(_errors);
        int rowCount = last - 2;
        if (rowCount > KtabReader.MaxActors)
            return Fail(new Diagnostic(file, KtabReader.MaxActors + 3, 1, "actor row", $"{rowCount:N0} actor rows", $"at most {KtabReader.MaxActors:N0} actors"));
        if ((long)Math.Max(na, rowCount) * nd > KtabReader.MaxPositions)
            return Fail(new Diagnostic(file, 1, title[3].Column, "number of dimensions",
                $"{Math.Max(na, rowCount):N0} actors on {nd:N0} dimensions are more than Parley reads", $"at most {KtabReader.MaxPositions:N0} positions (actors × dimensions)"));

        var header = Split(lines[1], KtabReader.MaxFields);
        if (header is null) return TooManyFields(2, KtabReader.MaxFields);
        int need = 3 + 2 * nd;
        if (header.Count < need)
            return Fail(new Diagnostic(file, 2, 1, "header row", $"{header.Count} fields for {nd} dimension(s)",
                $"{need} fields: Actor,Description,<capability>, then a position and a salience column per dimension"));
        var dims = Enumerable.Range(0, nd).Select(k => Clean(header[3 + 2 * k].Text)).ToArray();
        for (int k = 0; k < nd; k++)
            if (dims[k].Length == 0)
                Report(new Diagnostic(file, 2, header[3 + 2 * k].Column, "dimension name", $"dimension {k + 1} has no name", "a name"));

        var rows = new List<KtabReader.ActorRow>();
        var cols = new Dictionary<KtabReader.ActorRow, List<Field>>();
        if (rowCount != na)
            Report(new Diagnostic(file, 1, title[2].Column, "number of actors",
                $"the title row says {na} actors but {rowCount} actor rows follow", $"{rowCount}, or one row per actor"));
        for (int li = 2; li < last && _errors.Count <= Diagnostic.MaxCollected; li++)
        {
            int line = li + 1;
            var f = Split(lines[li], KtabReader.MaxFields);
            if (f is null)
            {
                Report(new Diagnostic(file, line, 1, "actor row", $"more than {KtabReader.MaxFields:N0} fields", $"{need}: name,description,capability, then position,salience per dimension"));
                continue;
            }
            if (f.Count < need)
            {
                Report(new Diagnostic(file, line, 1, "actor row", $"{f.Count} fields", $"{need}: name,description,capability, then position,salience per dimension"));
                continue;
            }
            double cap = Number(f[2], line, "capability", Parley.Core.Domain.InputBounds.CapabilityAllowed);
            var pos = new double[nd];
            var sal = new double[nd];
            for (int k = 0; k < nd; k++)
            {
                pos[k] = Number(f[3 + 2 * k], line, "position", "0 to 100");
                sal[k] = Number(f[4 + 2 * k], line, "salience", "0 to 100");
            }
            var row = new KtabReader.ActorRow(f[0].Text.Trim().Trim('"'), f[1].Text.Trim().Trim('"'), cap, pos, sal, line);
            rows.Add(row);
            cols[row] = f.Count > need ? f.GetRange(0, need) : f; // the fields past the last dimension are not read
        }
        if (_errors.Count > 0) return LoadResult<KtabInput>.Fail(_errors);
        KtabReader.Check(file, rows, nd, _errors, (r, k, what) =>
        {
            var f = cols[r];
            return what switch
            {
                "capability" => (r.Line, f[2].Column),
                "position" => (r.Line, f[3 + 2 * k].Column),
                _ => (r.Line, f[4 + 2 * k].Column),
            };
        });
        if (_errors.Count > 0) return LoadResult<KtabInput>.Fail(_errors);
        var scenario = KtabReader.Build(Clean(title[0].Text), Clean(title[1].Text), dims, rows);
        return LoadResult<KtabInput>.Success(new KtabInput(scenario, new Dictionary<string, string>(), null));
    }

    private LoadResult<KtabInput> Fail(Diagnostic d)
    {
        Report(d);
        return LoadResult<KtabInput>.Fail(_errors);
    }

    /// <summary>Records a problem; past <see cref="Diagnostic.MaxCollected"/> of them, only where reading stopped.</summary>
    private void Report(Diagnostic d)
    {
        if (_errors.Count < Diagnostic.MaxCollected) _errors.Add(d);
        else if (_errors.Count == Diagnostic.MaxCollected) _errors.Add(Diagnostic.TooMany(file, d.Line, d.Column));
    }
}
