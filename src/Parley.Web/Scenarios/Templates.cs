using Parley.Application.Scenarios;

namespace Parley.Web.Scenarios;

/// <summary>A scenario to start from.</summary>
public sealed record Template(string Id, string Title, string Description, string Source);

/// <summary>The templates a new scenario can start from: the bundled Hague 2025 scenario and a small blank negotiation.</summary>
public static class Templates
{
    public const string Hague = "hague";
    public const string Blank = "blank";

    public static IReadOnlyList<Template> All { get; } =
    [
        new(Blank, "Template: a new negotiation", "One issue, three members and an agenda setter, to fill in.", BlankSource + "\n"),
        new(Hague, "NATO summit, The Hague, 24–25 June 2025", "The bundled flagship scenario (32 allies, 4 issues).", ScenarioLoader.BundledText()),
    ];

    public static Template? Find(string id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    private const string BlankSource = """
        scenario:
          id: new-negotiation
          title: A new negotiation
          description: Describe the decision, who takes it and by when.
          as_of: 2026-01-01
          sources:
            - id: notes
              title: The analyst's notes
        decision_rule: consensus
        agenda_setter: chair
        issues:
          - id: budget
            title: Budget increase
            scale: {min: 0, max: 100, unit: points}
            anchors:
              0: "no increase"
              50: "half"
              100: "full increase"
            status_quo: 0
        actors:
          - id: chair
            name: Chair
            capability: 1
            positions:
              budget: {position: 60, salience: 0.5, range: {low: 40, high: 80}, evidence: {judgement: "to be coded"}}
          - id: member-a
            name: Member A
            capability: 2
            capability_range: {low: 1, high: 3}
            positions:
              budget: {position: 20, salience: 0.8, range: {low: 10, high: 30}, evidence: {judgement: "to be coded"}}
          - id: member-b
            name: Member B
            capability: 1
            positions:
              budget: {position: 90, salience: 0.6, range: {low: 70, high: 100}, evidence: {judgement: "to be coded"}}
        """;
}
