namespace Parley.Formats.Scenarios;

/// <summary>The field names allowed at each level of the scenario schema (docs/scenario-format.md).</summary>
internal static class SchemaFields
{
    public static readonly string[] Root = ["scenario", "salience_scale", "decision_rule", "agenda_setter", "issues", "actors", "ideal_adjustment", "shocks", "model_settings", "capability_basis"];
    public static readonly string[] Metadata = ["id", "title", "description", "as_of", "decided", "sources"];
    public static readonly string[] Source = ["id", "title", "url", "file", "published"];
    public static readonly string[] Issue = ["id", "title", "description", "scale", "anchors", "status_quo", "decision_rule", "agenda_setter", "outcome", "status_quo_evidence", "outcome_evidence", "reversion"];
    public static readonly string[] Scale = ["min", "max", "unit"];
    public static readonly string[] Actor = ["id", "name", "group", "capability", "capability_range", "capability_evidence", "veto", "opt_out", "positions"];
    public static readonly string[] Stance = ["position", "salience", "range", "salience_range", "evidence", "salience_evidence", "capability", "opt_out"];
    public static readonly string[] Range = ["low", "mode", "high"];
    public static readonly string[] Reversion = ["point", "cost", "costs"];
    public static readonly string[] Evidence = ["source", "quote", "judgement"];
    public static readonly string[] Shock = ["id", "description", "changes"];
    public static readonly string[] IdealAdjustment = ["actor", "follows", "weight"];
    public static readonly string[] Change = ["round", "actor", "issue", "remove", "position", "salience", "capability"];
    public static readonly string[] RuleNames = ["consensus", "majority", "qualified-majority"];
    public static readonly string[] Consensus = ["type"];
    public static readonly string[] Majority = ["type", "weights"];
    public static readonly string[] QualifiedMajority = ["type", "threshold", "weights", "second_threshold", "second_weights"];
}
