using Parley.Core.Domain;

namespace Parley.Analysis.Inputs;

/// <summary>Which number of the scenario an uncertain input is.</summary>
public enum InputKind
{
    Capability,
    Position,
    Salience,
}

/// <summary>
/// One input of the scenario that carries a range: its slot (which random stream element it draws from),
/// what it is, its point value (the model's input) and its range, and the evidence it rests on.
/// </summary>
public sealed record UncertainInput(int Slot, InputKind Kind, ActorId Actor, IssueId? Issue, InputRange Range, double Point,
    Evidence? Evidence)
{
    /// <summary>A short human label, e.g. "USA capability" or "USA · spending position".</summary>
    public string Label(Scenario scenario)
    {
        var who = scenario.HasActor(Actor) ? scenario.Actor(Actor).Name : Actor.Value;
        return Issue is { } i ? $"{who} · {i} {Kind.ToString().ToLowerInvariant()}" : $"{who} {Kind.ToString().ToLowerInvariant()}";
    }

    /// <summary>The machine key used on the command line and in JSON, e.g. "usa.spending.salience" or "usa.capability".</summary>
    public string Key => Issue is { } i
        ? $"{Actor}.{i}.{Kind.ToString().ToLowerInvariant()}"
        : $"{Actor}.{Kind.ToString().ToLowerInvariant()}";

    /// <summary>Keeps a drawn value valid for its kind: salience in 0..1, capability above zero, position on the scale.</summary>
    internal static double Clamp(InputKind kind, double value, Scale? scale) => kind switch
    {
        InputKind.Salience => Math.Clamp(value, 0.0, 1.0),
        InputKind.Capability => Math.Max(value, MinCapability),
        _ => scale is null ? value : Math.Clamp(value, scale.Min, scale.Max),
    };

    /// <summary>The smallest capability a draw may give (Actor requires capability &gt; 0).</summary>
    public const double MinCapability = 1e-9;
}
