using Parley.Core.Domain;

namespace Parley.Core.Models;

/// <summary>
/// One issue of a scenario as a one-dimensional bargaining problem: the actors that hold a position on it,
/// in scenario order, with their positions (on the issue's own scale), saliences (0–1) and capabilities,
/// as parallel arrays. This is what the one-dimensional models consume.
/// </summary>
public sealed class IssueProblem
{
    public IssueProblem(Issue issue, IReadOnlyList<Actor> actors, double[] positions, double[] saliences,
        double[] capabilities, DecisionRule rule, int? setterIndex = null, IReadOnlyList<bool>? vetoes = null,
        IReadOnlyList<bool>? optOuts = null)
    {
        int n = actors.Count;
        if (positions.Length != n || saliences.Length != n || capabilities.Length != n)
            throw new ArgumentException("Positions, saliences and capabilities must have one entry per actor.");
        if (setterIndex is { } k && (k < 0 || k >= n)) throw new ArgumentOutOfRangeException(nameof(setterIndex));
        Issue = issue;
        Actors = actors;
        Positions = positions;
        Saliences = saliences;
        Capabilities = capabilities;
        Rule = rule;
        SetterIndex = setterIndex;
        Vetoes = vetoes ?? actors.Select(a => a.Veto == true).ToArray();
        OptOuts = optOuts ?? actors.Select(a => a.OptOut).ToArray();
        if (Vetoes.Count != n || OptOuts.Count != n) throw new ArgumentException("Vetoes and opt-outs must have one entry per actor.");
        FailureCosts = actors.Select(a => issue.Reversion?.CostFor(a.Id) ?? 0.0).ToArray();
    }

    public Issue Issue { get; }
    public IReadOnlyList<Actor> Actors { get; }
    public int Count => Actors.Count;
    public double[] Positions { get; }
    public double[] Saliences { get; }
    public double[] Capabilities { get; }
    public DecisionRule Rule { get; }

    /// <summary>Index of the agenda setter among <see cref="Actors"/>, when the setter holds a position on this issue.</summary>
    public int? SetterIndex { get; }

    /// <summary>Per actor: holds a veto on its own account (<c>veto: true</c>; the rule may give everyone one, see <see cref="HoldsVeto"/>).</summary>
    public IReadOnlyList<bool> Vetoes { get; }

    /// <summary>Per actor: may opt out (accept with an exemption) instead of vetoing on this issue.</summary>
    public IReadOnlyList<bool> OptOuts { get; }

    /// <summary>Per actor: the cost of failure to agree (scale units; 0 without a <see cref="Domain.Reversion"/>).</summary>
    public IReadOnlyList<double> FailureCosts { get; }

    public Scale Scale => Issue.Scale;
    public double? StatusQuo => Issue.StatusQuo;

    /// <summary>What holds without agreement: the issue's reversion point, else its status quo.</summary>
    public double? DisagreementPoint => Issue.DisagreementPoint;

    /// <summary>True when failing to agree differs from keeping the status quo at no cost.</summary>
    public bool HasReversion => Issue.Reversion is { IsStatusQuo: false };

    /// <summary>
    /// Whether actor <paramref name="i"/> can block a proposal: its own veto, or the rule's (under consensus every actor
    /// not declared <c>veto: false</c> holds one).
    /// </summary>
    public bool HoldsVeto(int i) => Vetoes[i] || Actors[i].HoldsVeto(Rule);

    /// <summary>Builds the problem for one issue of a scenario (actors without a stance on it are left out).</summary>
    public static IssueProblem From(Scenario scenario, Issue issue)
    {
        var stances = scenario.StancesOn(issue.Id);
        var actors = stances.Select(s => scenario.Actor(s.Actor)).ToArray();
        int? setter = null;
        if (scenario.SetterFor(issue) is { } sid)
        {
            int k = Array.FindIndex(actors, a => a.Id == sid);
            if (k >= 0) setter = k;
        }
        return new IssueProblem(issue, actors,
            stances.Select(s => s.Position).ToArray(),
            stances.Select(s => s.Salience).ToArray(),
            stances.Select(s => s.Capability ?? scenario.Actor(s.Actor).Capability).ToArray(),
            scenario.RuleFor(issue), setter,
            optOuts: stances.Select(s => s.OptOut ?? scenario.Actor(s.Actor).OptOut).ToArray());
    }

    /// <summary>The same problem with other inputs (same actors), e.g. one Monte Carlo draw.</summary>
    public IssueProblem WithInputs(double[] positions, double[] saliences, double[] capabilities) =>
        new(Issue, Actors, positions, saliences, capabilities, Rule, SetterIndex, Vetoes, OptOuts);

    public string ActorKey(int i) => Actors[i].Id.Value;
}
