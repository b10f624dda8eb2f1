using System.Globalization;

namespace Parley.Formats.Ktab;

/// <summary>KTAB's CSV layout (SPEC §4.2): a title row, a header row, then one row per actor.</summary>
internal sealed class KtabCsv(string file, string content)
{
    private readonly List<Diagnostic> _errors = [];

    private sealed record Field(string Text, int Column);

    private static List<Field> Split(string line)
    {
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
        _errors.Add(new Diagnostic(file, line, f.Column, field, t.Length == 0 ? "missing number" : $"'{t}' is not a number", allowed));
        return double.NaN;
    }

    private int Count(Field f, int line, string field, string allowed)
    {
        var t = Clean(f.Text);
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1) return v;
        _errors.Add(new Diagnostic(file, line, f.Column, field, $"'{t}' is not a whole number >= 1", allowed));
        return -1;
    }

    public LoadResult<KtabInput> Read()
    {
        var lines = content.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        int last = lines.Length;
        while (last > 0 && lines[last - 1].Trim().Trim(',').Length == 0) last--;
        if (last < 2)
            return Fail(new Diagnostic(file, 1, 1, "", "a KTAB CSV needs a title row, a header row and one row per actor",
                "<name>,<description>,<actors>,<dimensions> / Actor,Description,Power,<dim>,<sal>,... / one row per actor"));
        var title = Split(lines[0]);
        if (title.Count < 4)
            return Fail(new Diagnostic(file, 1, 1, "title row", $"{title.Count} fields", "<scenario name>,<description>,<number of actors>,<number of dimensions>"));
        int na = Count(title[2], 1, "number of actors", "a whole number >= 1 (no upper limit in Parley)");
        int nd = Count(title[3], 1, "number of dimensions", "a whole number >= 1");
        if (_errors.Count > 0) return LoadResult<KtabInput>.Fail(_errors);

        var header = Split(lines[1]);
        int need = 3 + 2 * nd;
        if (header.Count < need)
            return Fail(new Diagnostic(file, 2, 1, "header row", $"{header.Count} fields for {nd} dimension(s)",
                $"{need} fields: Actor,Description,<capability>, then a position and a salience column per dimension"));
        var dims = Enumerable.Range(0, nd).Select(k => Clean(header[3 + 2 * k].Text)).ToArray();
        for (int k = 0; k < nd; k++)
            if (dims[k].Length == 0)
                _errors.Add(new Diagnostic(file, 2, header[3 + 2 * k].Column, "dimension name", $"dimension {k + 1} has no name", "a name"));

        var rows = new List<KtabReader.ActorRow>();
        var cols = new Dictionary<KtabReader.ActorRow, List<Field>>();
        int rowCount = last - 2;
        if (rowCount != na)
            _errors.Add(new Diagnostic(file, 1, title[2].Column, "number of actors",
                $"the title row says {na} actors but {rowCount} actor rows follow", $"{rowCount}, or one row per actor"));
        for (int li = 2; li < last; li++)
        {
            int line = li + 1;
            var f = Split(lines[li]);
            if (f.Count < need)
            {
                _errors.Add(new Diagnostic(file, line, 1, "actor row", $"{f.Count} fields", $"{need}: name,description,capability, then position,salience per dimension"));
                continue;
            }
            double cap = Number(f[2], line, "capability", "a number > 0");
            var pos = new double[nd];
            var sal = new double[nd];
            for (int k = 0; k < nd; k++)
            {
                pos[k] = Number(f[3 + 2 * k], line, "position", "0 to 100");
                sal[k] = Number(f[4 + 2 * k], line, "salience", "0 to 100");
            }
            var row = new KtabReader.ActorRow(f[0].Text.Trim().Trim('"'), f[1].Text.Trim().Trim('"'), cap, pos, sal, line);
            rows.Add(row);
            cols[row] = f;
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
        return LoadResult<KtabInput>.Success(new KtabInput(scenario, new Dictionary<string, string>(), null, null));
    }

    private LoadResult<KtabInput> Fail(Diagnostic d)
    {
        _errors.Add(d);
        return LoadResult<KtabInput>.Fail(_errors);
    }
}
