using Parley.Core.Domain;
using Parley.Core.Power;

namespace Parley.Application.Models;

/// <summary>
/// Applies the capability basis a request or scenario asks for (the request's <c>--capability-basis</c> over the
/// scenario's <c>capability_basis</c>, default <c>resources</c>) before the models run, and says so in a note.
/// </summary>
public static class CapabilityBasisPlanner
{
    public static (Scenario Modelled, IReadOnlyList<Note> Notes) Apply(Scenario scenario, ModelRequest request)
    {
        var basis = request.CapabilityBasis ?? scenario.CapabilityBasis ?? CapabilityBasis.Resources;
        if (basis == CapabilityBasis.Resources) return (scenario, []);
        var modelled = basis.Apply(scenario);
        var (_, method) = VotingPower.Of(scenario.Actors, scenario.DecisionRule);
        string source = request.CapabilityBasis is not null ? "--capability-basis" : "the scenario's capability_basis";
        return (modelled, [new Note(NoteKind.Settings,
            $"capabilities: {basis} ({source}); voting power = {method}")]);
    }
}
