using Parley.Core.Domain;

namespace Parley.Formats.Deu;

/// <summary>
/// One treaty regime of Council voting: the member states and their votes (or, under Lisbon, their population),
/// the qualified-majority threshold, and the dates it was in force. Member states are keyed by the DEU's
/// two-letter codes (<c>de</c>, <c>fr</c>, <c>el</c> = Greece, <c>bu</c> = Bulgaria, <c>cr</c> = Croatia, ...).
/// </summary>
public sealed record CouncilRegime(
    string Name,
    DateOnly From,
    DateOnly? Until,
    IReadOnlyDictionary<string, double> Votes,
    double QmvVotes,
    bool DoubleMajority = false,
    IReadOnlyDictionary<string, double>? Population = null)
{
    public int Members => Votes.Count;
    public double TotalVotes => Votes.Values.Sum();

    public bool InForceOn(DateOnly date) => date >= From && (Until is not { } u || date <= u);

    public bool IsMember(string code) => Votes.ContainsKey(code);

    /// <summary>
    /// The regime's qualified-majority rule over the whole Council: weighted votes with the QMV threshold
    /// (pre-Nice, Nice), or the double majority of 55 % of members and 65 % of population (Lisbon).
    /// Actors other than member states (Commission, Parliament) have no Council vote (weight 0).
    /// </summary>
    public DecisionRule.QualifiedMajority QualifiedMajority()
    {
        Dictionary<ActorId, double> Table(IReadOnlyDictionary<string, double> d) => d.ToDictionary(kv => new ActorId(kv.Key), kv => kv.Value);
        return DoubleMajority
            ? new DecisionRule.QualifiedMajority(0.55, Table(Votes), 0.65, Table(Population!))
            : new DecisionRule.QualifiedMajority(QmvVotes / TotalVotes, Table(Votes));
    }

    /// <summary>
    /// A member state's capability as one number: its Council votes (pre-Nice, Nice); under the Lisbon double
    /// majority, the mean of its share of members and its share of population, in percent (both quotas count).
    /// Null when the code is not a member under this regime.
    /// </summary>
    public double? Capability(string code)
    {
        if (!Votes.TryGetValue(code, out var v)) return null;
        if (!DoubleMajority) return v;
        double pop = Population![code] / Population.Values.Sum();
        return 100.0 * (1.0 / Members + pop) / 2.0;
    }
}

/// <summary>
/// The Council of the EU's voting rules since 1995, for the DEU data's decision dates.
/// Sources (see docs/accuracy.md): Treaty of Amsterdam Art. 205 TEC (EU-15 weights, 62 of 87);
/// Act of Accession 2003 Art. 26 (1 May – 31 Oct 2004: EU-25 with 124 votes, QMV 88);
/// Treaty of Nice, Protocol on enlargement Art. 3 and Act of Accession 2003 Art. 12 (EU-25 from 1 Nov 2004:
/// 232 of 321); Act of Accession 2005 (EU-27 from 1 Jan 2007: 255 of 345); Act of Accession 2012 (EU-28 from
/// 1 Jul 2013: 260 of 352); TEU Art. 16(4) and TFEU Art. 238(3) (double majority from 1 Nov 2014: 55 % of
/// members, 65 % of population). Population: Eurostat, 1 January 2017, in thousands, rounded — APPROXIMATE
/// (from memory, not checked against the Council's official annual figures).
/// </summary>
public static class EuCouncil
{
    private static readonly Dictionary<string, double> Eu15 = new()
    {
        ["de"] = 10, ["fr"] = 10, ["it"] = 10, ["uk"] = 10, ["es"] = 8,
        ["be"] = 5, ["el"] = 5, ["nl"] = 5, ["pt"] = 5, ["at"] = 4, ["se"] = 4,
        ["dk"] = 3, ["fi"] = 3, ["ie"] = 3, ["lu"] = 2,
    };

    private static readonly Dictionary<string, double> Accession2004Interim = new(Eu15)
    {
        ["pl"] = 8, ["cz"] = 5, ["hu"] = 5, ["lt"] = 3, ["lv"] = 3, ["sk"] = 3, ["si"] = 3, ["ee"] = 3,
        ["cy"] = 2, ["mt"] = 2,
    };

    private static readonly Dictionary<string, double> NiceEu25 = new()
    {
        ["de"] = 29, ["fr"] = 29, ["it"] = 29, ["uk"] = 29, ["es"] = 27, ["pl"] = 27, ["nl"] = 13,
        ["be"] = 12, ["cz"] = 12, ["el"] = 12, ["hu"] = 12, ["pt"] = 12, ["at"] = 10, ["se"] = 10,
        ["dk"] = 7, ["fi"] = 7, ["ie"] = 7, ["lt"] = 7, ["sk"] = 7,
        ["cy"] = 4, ["ee"] = 4, ["lv"] = 4, ["lu"] = 4, ["si"] = 4, ["mt"] = 3,
    };

    private static readonly Dictionary<string, double> NiceEu27 = new(NiceEu25) { ["ro"] = 14, ["bu"] = 10 };
    private static readonly Dictionary<string, double> NiceEu28 = new(NiceEu27) { ["cr"] = 7 };

    /// <summary>Eurostat population on 1 January 2017, thousands (approximate; see the class comment).</summary>
    private static readonly Dictionary<string, double> Population2017 = new()
    {
        ["de"] = 82_522, ["fr"] = 66_990, ["uk"] = 65_809, ["it"] = 60_589, ["es"] = 46_528, ["pl"] = 37_973,
        ["ro"] = 19_644, ["nl"] = 17_082, ["be"] = 11_351, ["el"] = 10_768, ["cz"] = 10_579, ["pt"] = 10_310,
        ["se"] = 9_995, ["hu"] = 9_798, ["at"] = 8_773, ["bu"] = 7_102, ["dk"] = 5_749, ["fi"] = 5_503,
        ["sk"] = 5_435, ["ie"] = 4_784, ["cr"] = 4_154, ["lt"] = 2_848, ["si"] = 2_066, ["lv"] = 1_950,
        ["ee"] = 1_316, ["cy"] = 854, ["lu"] = 591, ["mt"] = 460,
    };

    private static Dictionary<string, double> OneEach(IEnumerable<string> codes) => codes.ToDictionary(c => c, _ => 1.0);

    public static IReadOnlyList<CouncilRegime> Regimes { get; } =
    [
        new("pre-Nice (EU-15)", new(1995, 1, 1), new(2004, 4, 30), Eu15, 62),
        new("accession interim (EU-25)", new(2004, 5, 1), new(2004, 10, 31), Accession2004Interim, 88),
        new("Nice (EU-25)", new(2004, 11, 1), new(2006, 12, 31), NiceEu25, 232),
        new("Nice (EU-27)", new(2007, 1, 1), new(2013, 6, 30), NiceEu27, 255),
        new("Nice (EU-28)", new(2013, 7, 1), new(2014, 10, 31), NiceEu28, 260),
        new("Lisbon double majority (EU-28)", new(2014, 11, 1), new(2020, 1, 31), OneEach(Population2017.Keys), 0,
            DoubleMajority: true, Population: Population2017),
        new("Lisbon double majority (EU-27)", new(2020, 2, 1), null, OneEach(Population2017.Keys.Where(k => k != "uk")), 0,
            DoubleMajority: true, Population: Population2017.Where(kv => kv.Key != "uk").ToDictionary()),
    ];

    /// <summary>The regime in force on a date, or null before 1 January 1995 (not covered).</summary>
    public static CouncilRegime? RegimeAt(DateOnly date) => Regimes.FirstOrDefault(r => r.InForceOn(date));

    /// <summary>DEU's codes of the two institutions that are not member states.</summary>
    public const string Commission = "com", Parliament = "ep";
}
