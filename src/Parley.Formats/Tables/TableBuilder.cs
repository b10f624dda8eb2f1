using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Core.Domain;

namespace Parley.Formats.Tables;

/// <summary>
/// Turns the rows of a one-issue table into a scenario: checks each value, detects 0–100 saliences,
/// and sets the issue's scale. Collects every problem before giving up.
/// </summary>
internal sealed partial class TableBuilder(string file, ReadOptions options, List<Diagnostic> errors)
{
    private readonly List<string> _notices = [];

    public LoadResult<Scenario> Build(IReadOnlyList<TableRow> rows)
    {
        var values = new List<(TableRow Row, double Capability, double Position, double Salience)>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = row.Actor.Text.Trim();
            if (name.Length == 0) Error(row.Actor, "Actor", "the actor's name is empty", "a name, unique in the table");
            else if (!firstLine.TryAdd(name, row.Line))
                Error(row.Actor, "Actor", $"duplicate actor '{name}' (first on line {firstLine[name]})", "each actor once");
            var capability = Number(row.Capability, "Capability", "a finite number > 0");
            if (capability is <= 0)
            {
                Error(row.Capability, "Capability", $"capability {Format(capability.Value)} is not > 0", "a finite number > 0");
                capability = null;
            }
            var position = Number(row.Position, "Position", "a finite number");
            var salience = Number(row.Salience, "Salience", "0..1, or 0..100 read as percent");
            if (salience is < 0 or > 100)
            {
                Error(row.Salience, "Salience", $"salience {Format(salience.Value)} lies outside its range", "0..1, or 0..100 read as percent");
                salience = null;
            }
            if (capability is { } c && position is { } p && salience is { } s) values.Add((row, c, p, s));
        }
        if (rows.Count < 2)
            errors.Add(new Diagnostic(file, rows.Count == 0 ? 1 : (int)rows[0].Line, 1, "", $"the table has {rows.Count} actor(s)", "at least two actor rows"));
        if (errors.Count > 0) return LoadResult<Scenario>.Fail(errors, _notices);

        double salienceDivisor = 1;
        if (values.Any(v => v.Salience > 1))
        {
            salienceDivisor = 100;
            _notices.Add($"{file}: saliences read as percent (0–100) because some exceed 1");
        }
        var scale = ChooseScale(values.Select(v => (v.Row, v.Position)).ToList());
        if (scale is null) return LoadResult<Scenario>.Fail(errors, _notices);
        return Assemble(values.Select(v => (v.Row, v.Capability, v.Position, v.Salience / salienceDivisor)).ToList(), scale);
    }

    /// <summary>The given scale (positions must lie on it), else the range of the positions (widened by ±1 when all are equal).</summary>
    private Scale? ChooseScale(IReadOnlyList<(TableRow Row, double Position)> positions)
    {
        if (options.Scale is { } given)
        {
            foreach (var (row, p) in positions)
                if (!given.Contains(p))
                    Error(row.Position, "Position", $"position {Format(p)} lies outside the scale given", $"{Format(given.Min)}..{Format(given.Max)}");
            return errors.Count == 0 ? given : null;
        }
        double min = positions.Min(p => p.Position), max = positions.Max(p => p.Position);
        if (min == max)
        {
            _notices.Add($"{file}: every position is {Format(min)}; the issue's scale is widened to {Format(min - 1)}..{Format(max + 1)}");
            return new Scale(min - 1, max + 1);
        }
        return new Scale(min, max);
    }

    private LoadResult<Scenario> Assemble(IReadOnlyList<(TableRow Row, double Capability, double Position, double Salience)> values, Scale scale)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var id = IdCharacters().Replace(stem, "-").Trim('-');
        if (id.Length == 0) id = "table";
        try
        {
            var issueId = new IssueId(id);
            var actors = values.Select(v => new Actor(new ActorId(v.Row.Actor.Text.Trim()), v.Row.Actor.Text.Trim(), v.Capability)).ToArray();
            var stances = values.Select(v => new Stance(new ActorId(v.Row.Actor.Text.Trim()), issueId, v.Position, v.Salience)).ToArray();
            var issue = new Issue(issueId, stem, scale);
            var scenario = new Scenario(new ScenarioMetadata(id, Path.GetFileName(file)), actors, [issue], stances);
            return LoadResult<Scenario>.Success(scenario, _notices);
        }
        catch (ArgumentException e)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", e.Message.TrimEnd('.')));
            return LoadResult<Scenario>.Fail(errors, _notices);
        }
    }

    private double? Number(Cell cell, string column, string allowed)
    {
        var text = cell.Text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Error(cell, column, text.Length == 0 ? "the value is empty" : $"'{text}' is not a finite number", allowed);
        return null;
    }

    private void Error(Cell cell, string column, string message, string allowed) =>
        errors.Add(new Diagnostic(file, cell.At.Line, cell.At.Column, column, message, allowed));

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[^A-Za-z0-9_.\-]+")]
    private static partial Regex IdCharacters();
}
