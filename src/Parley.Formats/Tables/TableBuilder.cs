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

    /// <param name="rows">The well-formed actor rows.</param>
    /// <param name="rowCount">Every actor row, well-formed or not (those not are already reported).</param>
    public LoadResult<Scenario> Build(IReadOnlyList<TableRow> rows, int rowCount)
    {
        var values = new List<(TableRow Row, double Capability, double Position, double Salience)>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = row.Actor.Text.Trim();
            if (name.Length == 0) Error(row.Actor, "Actor", "the actor's name is empty", "a name, unique in the table");
            else if (!firstLine.TryAdd(name, row.Line))
                Error(row.Actor, "Actor", $"duplicate actor '{name}' (first on line {firstLine[name]})", "each actor once");
            var capability = Number(row.Capability, "Capability", InputBounds.CapabilityAllowed);
            if (capability is { } cv && InputBounds.Capability(cv) is { } capabilityProblem)
            {
                Error(row.Capability, "Capability", $"capability {capabilityProblem}", InputBounds.CapabilityAllowed);
                capability = null;
            }
            var position = Number(row.Position, "Position", InputBounds.MagnitudeAllowed);
            if (position is { } pv && InputBounds.Magnitude(pv) is { } far)
            {
                Error(row.Position, "Position", $"position {far}", InputBounds.MagnitudeAllowed);
                position = null;
            }
            var salience = Number(row.Salience, "Salience", SalienceAllowed);
            if (salience is { } sv && SalienceProblem(sv) is { } salienceProblem)
            {
                Error(row.Salience, "Salience", salienceProblem, SalienceAllowed);
                salience = null;
            }
            if (capability is { } c && position is { } p && salience is { } s) values.Add((row, c, p, s));
            if (errors.Count > Diagnostic.MaxCollected) break;
        }
        if (rowCount < 2)
            errors.Add(new Diagnostic(file, rows.Count == 0 ? 1 : (int)rows[0].Line, 1, "", $"the table has {rowCount} actor(s)", "at least two actor rows"));
        if (errors.Count > 0) return LoadResult<Scenario>.Fail(errors, _notices);

        var salienceDivisor = SalienceDivisor(values.Select(v => (v.Row, v.Salience)).ToList());
        if (salienceDivisor is null) return LoadResult<Scenario>.Fail(errors, _notices);
        var scale = ChooseScale(values.Select(v => (v.Row, v.Position)).ToList());
        if (scale is null) return LoadResult<Scenario>.Fail(errors, _notices);
        return Assemble(values.Select(v => (v.Row, v.Capability, v.Position, v.Salience / salienceDivisor.Value)).ToList(), scale);
    }

    private string SalienceAllowed => options.SalienceScale switch
    {
        1 => "0, or 1e-9..1 (--salience-scale 1)",
        100 => "0, or 1e-7..100 (--salience-scale 100)",
        _ => "0..1, or 0..100 throughout the table (or say which with --salience-scale 1|100)",
    };

    private string? SalienceProblem(double s)
    {
        double top = options.SalienceScale ?? 100;
        if (s < 0 || s > top) return $"salience {Format(s)} lies outside its range";
        // the smallest salience either scale accepts (1e-9 on 0–1); the scale actually used is checked in SalienceDivisor
        return InputBounds.SalienceFloor(s / (options.SalienceScale ?? 1)) is null ? null : $"salience {Format(s)} is too small to be told from 0";
    }

    /// <summary>
    /// The scale of the saliences: the one declared (<see cref="ReadOptions.SalienceScale"/>), else 0–1 when none
    /// exceeds 1, else 0–100 (with a notice) when none is a fraction (0 &lt; s &lt; 1). A table that mixes fractions
    /// with values above 1 is an error at both, for reading one as the other would silently shift every salience.
    /// </summary>
    private double? SalienceDivisor(IReadOnlyList<(TableRow Row, double Salience)> saliences)
    {
        if (options.SalienceScale is { } declared) return declared;
        var above = saliences.FirstOrDefault(v => v.Salience > 1);
        if (above.Row is null) return 1;
        var fraction = saliences.FirstOrDefault(v => v.Salience is > 0 and < 1);
        if (fraction.Row is not null)
        {
            const string allowed = "one scale for every salience: 0..1, or 0..100; or say which with --salience-scale 1|100";
            Error(fraction.Row.Salience, "Salience", $"salience {Format(fraction.Salience)} reads as 0–1, but {Format(above.Salience)} on line {above.Row.Line} as 0–100", allowed);
            Error(above.Row.Salience, "Salience", $"salience {Format(above.Salience)} reads as 0–100, but {Format(fraction.Salience)} on line {fraction.Row.Line} as 0–1", allowed);
            return null;
        }
        if (saliences.Any(v => v.Salience > 0 && InputBounds.SalienceFloor(v.Salience / 100) is not null))
        {
            var tiny = saliences.First(v => v.Salience > 0 && InputBounds.SalienceFloor(v.Salience / 100) is not null);
            Error(tiny.Row.Salience, "Salience", $"salience {Format(tiny.Salience)} is too small to be told from 0 on 0–100", "0, or 1e-7..100");
            return null;
        }
        _notices.Add($"{file}: saliences read as percent (0–100) because some exceed 1 and none is a fraction");
        return 100;
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
            // ±1, or more for a large position (a scale must be 1e-9 of its largest end wide), within ±1e12
            double w = Math.Max(1, Math.Abs(min) * 1e-6);
            double low = Math.Max(min - w, -InputBounds.MaxMagnitude), high = Math.Min(max + w, InputBounds.MaxMagnitude);
            if (Math.Abs(low) < InputBounds.MinPositive) low = 0; // an end a rounding away from 0 is 0
            if (Math.Abs(high) < InputBounds.MinPositive) high = 0;
            _notices.Add($"{file}: every position is {Format(min)}; the issue's scale is widened to {Format(low)}..{Format(high)}");
            return new Scale(low, high);
        }
        if (InputBounds.Scale(min, max) is { } narrow)
        {
            var at = positions.First(p => p.Position == max).Row;
            Error(at.Position, "Position", $"the positions span too narrow a range for a scale: {narrow}", "positions further apart, or give the scale with --scale MIN:MAX");
            return null;
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
