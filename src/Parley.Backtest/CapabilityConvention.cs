using System.Globalization;
using Parley.Core.Domain;
using Parley.Core.Power;
using Parley.Formats;
using Parley.Formats.Deu;

namespace Parley.Backtest;

/// <summary>How the Commission and the Parliament are weighted under the <c>council</c> convention.</summary>
public enum InstitutionWeight
{
    /// <summary>Each gets the capability of the largest member state (default; the DEU literature's choice).</summary>
    Largest,

    /// <summary>Each gets the mean capability of the member states.</summary>
    Mean,
}

/// <summary>
/// Where the actors' capabilities come from in a backtest (the DEU data record none). Conventions replace every
/// actor's capability in a case's scenario; see docs/accuracy.md for their sources.
/// </summary>
public abstract class CapabilityConvention
{
    public abstract string Name { get; }

    /// <summary>The case's scenario with this convention's capabilities; throws <see cref="ArgumentException"/> naming the actor it cannot weigh.</summary>
    public abstract Scenario Apply(BacktestCase c);

    /// <summary>Capabilities as the scenario files give them (the default for a folder of scenarios).</summary>
    public static CapabilityConvention AsGiven { get; } = new AsGivenConvention();

    /// <summary>Every actor weighs 1.</summary>
    public static CapabilityConvention Equal { get; } = new EqualConvention();

    public static CapabilityConvention Council(InstitutionWeight institutions = InstitutionWeight.Largest) => new CouncilConvention(institutions);

    /// <summary>True when <see cref="Parse"/> reads <paramref name="value"/> as a file (not a convention's or a basis's name).</summary>
    public static bool NamesFile(string value) =>
        value.ToLowerInvariant() is not ("gdp" or "equal" or "council" or "council-mean" or "scenario") && CapabilityBasis.Parse(value) is null;

    /// <summary>
    /// Parses the <c>--capability</c> value: <c>equal</c>, <c>council</c>, <c>council-mean</c>, <c>scenario</c>, <c>gdp</c>
    /// (the capability row a DEU file carries), or the path of a CSV table <c>actor,capability</c>.
    /// </summary>
    public static LoadResult<CapabilityConventionBox> Parse(string value, BacktestDataset? dataset = null)
    {
        switch (value.ToLowerInvariant())
        {
            case "gdp" when dataset?.FileCapabilities is { Count: > 0 } row:
                return LoadResult<CapabilityConventionBox>.Success(new(TableConvention.FromRow("gdp", row)));
            case "gdp":
                return LoadResult<CapabilityConventionBox>.Fail([new Diagnostic(dataset?.Name ?? value, 0, 0, "--capability",
                    "the data set carries no capability row", "gdp needs a DEU file with the redistributor's GDP row (row 2)")]);
            case "equal": return LoadResult<CapabilityConventionBox>.Success(new(Equal));
            case "council": return LoadResult<CapabilityConventionBox>.Success(new(Council()));
            case "council-mean": return LoadResult<CapabilityConventionBox>.Success(new(Council(InstitutionWeight.Mean)));
            case "scenario": return LoadResult<CapabilityConventionBox>.Success(new(AsGiven));
        }
        if (CapabilityBasis.Parse(value) is { } basis)
        {
            // voting power does not read the capabilities, so a data set without resources can still use it
            var resources = dataset is null ? AsGiven : dataset.Resources ?? (basis == CapabilityBasis.VotingPower ? AsGiven : null);
            return resources is null
                ? LoadResult<CapabilityConventionBox>.Fail([new Diagnostic(dataset?.Name ?? value, 0, 0, "--capability",
                    $"the data set carries no resource capabilities for {basis}", "a DEU file with the redistributor's GDP row, or a folder of scenarios")])
                : LoadResult<CapabilityConventionBox>.Success(new(new BasisConvention(resources, basis)));
        }
        if (!File.Exists(value) && !Directory.Exists(value))
            return LoadResult<CapabilityConventionBox>.Fail([new Diagnostic(value, 0, 0, "--capability", $"'{value}' is neither a convention nor a file",
                "equal, council, council-mean, scenario, gdp, a capability basis (" + CapabilityBasis.Allowed + "), or a CSV file actor,capability")]);
        var text = InputFile.ReadText(value, "--capability");
        if (!text.Ok) return LoadResult<CapabilityConventionBox>.Fail(text.Errors);
        var table = TableConvention.Read(value, text.Value!);
        return table.Ok ? LoadResult<CapabilityConventionBox>.Success(new(table.Value!)) : LoadResult<CapabilityConventionBox>.Fail(table.Errors);
    }

    protected static Scenario WithCapabilities(Scenario s, Func<Actor, double> capability) =>
        s.With(actors: s.Actors.Select(a => a with { Capability = capability(a) }).ToArray());

    private sealed class AsGivenConvention : CapabilityConvention
    {
        public override string Name => "scenario";
        public override Scenario Apply(BacktestCase c) => c.Scenario;
    }

    private sealed class EqualConvention : CapabilityConvention
    {
        public override string Name => "equal";
        public override Scenario Apply(BacktestCase c) => WithCapabilities(c.Scenario, _ => 1.0);
    }
}

/// <summary>
/// A capability basis (<see cref="CapabilityBasis"/>) over the data set's resource capabilities (DEU: its GDP row; a
/// folder: the scenarios' own): <c>voting-power</c> from each case's decision rule, <c>mix</c>, or <c>resources</c> itself.
/// </summary>
public sealed class BasisConvention(CapabilityConvention resources, CapabilityBasis basis) : CapabilityConvention
{
    public CapabilityBasis Basis { get; } = basis;
    public override string Name => Basis.ToString();
    public override Scenario Apply(BacktestCase c) => Basis.Apply(resources.Apply(c));
}

/// <summary>A reference wrapper so a convention can travel in a <see cref="LoadResult{T}"/>.</summary>
public sealed record CapabilityConventionBox(CapabilityConvention Convention);

/// <summary>
/// Council voting weights of the treaty regime in force at the case's decision date (<see cref="EuCouncil"/>):
/// member states weigh their votes (Lisbon: mean of member and population shares); the Commission and the
/// Parliament weigh the largest member's capability, or the mean (<see cref="InstitutionWeight"/>).
/// </summary>
public sealed class CouncilConvention(InstitutionWeight institutions) : CapabilityConvention
{
    public InstitutionWeight Institutions { get; } = institutions;

    public override string Name => Institutions == InstitutionWeight.Largest ? "council" : "council-mean";

    public override Scenario Apply(BacktestCase c)
    {
        if (c.DecisionDate is not { } date)
            throw new ArgumentException($"case {c.Id}: no decision date, so no Council regime (the council convention needs one)");
        var regime = EuCouncil.RegimeAt(date)
            ?? throw new ArgumentException($"case {c.Id}: no Council regime known on {date:yyyy-MM-dd} (covered: from 1995-01-01)");
        var memberCaps = regime.Votes.Keys.Select(k => regime.Capability(k)!.Value).ToArray();
        double institution = Institutions == InstitutionWeight.Largest ? memberCaps.Max() : memberCaps.Average();
        return WithCapabilities(c.Scenario, a =>
        {
            var code = a.Id.Value.ToLowerInvariant();
            if (code is EuCouncil.Commission or EuCouncil.Parliament) return institution;
            return regime.Capability(code)
                ?? throw new ArgumentException($"case {c.Id}: actor '{a.Id}' is not a member state under {regime.Name} ({date:yyyy-MM-dd})");
        });
    }
}

/// <summary>A user-supplied table <c>actor,capability</c> (header optional); every actor of every case must be listed.</summary>
public sealed class TableConvention : CapabilityConvention
{
    private readonly Dictionary<string, double> _table;
    private readonly string _file;

    private TableConvention(string file, Dictionary<string, double> table)
    {
        _file = file;
        _table = table;
    }

    public override string Name => Path.GetFileName(_file);

    /// <summary>A table from a row of numbers (e.g. the DEU file's GDP row), named <paramref name="name"/>.</summary>
    public static TableConvention FromRow(string name, IReadOnlyDictionary<string, double> row) =>
        new(name, row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyDictionary<string, double> Table => _table;

    public override Scenario Apply(BacktestCase c) => WithCapabilities(c.Scenario, a =>
        _table.TryGetValue(a.Id.Value, out var v) ? v
            : throw new ArgumentException($"case {c.Id}: actor '{a.Id}' is not in the capability table {_file}"));

    public static LoadResult<TableConvention> Read(string path, string content)
    {
        var errors = new List<Diagnostic>();
        var table = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var lines = content.Replace("\r\n", "\n").Split('\n');
        bool first = true;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (errors.Count >= Diagnostic.MaxCollected)
            {
                errors.Add(Diagnostic.TooMany(path, i + 1));
                break;
            }
            bool isFirst = first;
            first = false;
            var parts = line.Split(',', 3); // a third part means too many fields; the rest of the line is not split
            if (parts.Length != 2)
            {
                errors.Add(new Diagnostic(path, i + 1, 1, "row", parts.Length == 3 ? "more than 2 fields" : $"{parts.Length} fields", "actor,capability"));
                continue;
            }
            var actor = parts[0].Trim().Trim('"');
            var text = parts[1].Trim().Trim('"');
            int col = lines[i].IndexOf(',') + 2;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                if (isFirst) continue; // header row
                errors.Add(new Diagnostic(path, i + 1, col, "capability", $"'{text}' is not a number", InputBounds.CapabilityAllowed));
                continue;
            }
            if (InputBounds.Capability(v) is { } problem)
                errors.Add(new Diagnostic(path, i + 1, col, "capability", problem, InputBounds.CapabilityAllowed));
            else if (!table.TryAdd(actor, v))
                errors.Add(new Diagnostic(path, i + 1, 1, "actor", $"'{actor}' is listed twice", "each actor once"));
        }
        if (errors.Count == 0 && table.Count == 0)
            errors.Add(new Diagnostic(path, 1, 1, "row", "the table is empty", "rows actor,capability"));
        return errors.Count > 0 ? LoadResult<TableConvention>.Fail(errors) : LoadResult<TableConvention>.Success(new TableConvention(path, table));
    }
}
