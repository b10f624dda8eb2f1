using Parley.Core.Domain;

namespace Parley.Core.Models;

/// <summary>
/// An issue nobody cares about: it has stances and every salience on it is 0. Models either forecast it with a note
/// built here (saying what the number is) or refuse with a <see cref="ModelRefusedException"/> naming the issue.
/// </summary>
public static class Indifference
{
    public static bool NobodyCares(Scenario scenario, Issue issue)
    {
        var stances = scenario.StancesOn(issue.Id);
        return stances.Count > 0 && stances.All(s => s.Salience <= 0);
    }

    /// <summary>The note on such an issue's forecast: <paramref name="what"/> says what the model forecast instead.</summary>
    public static string Note(string what) => $"every salience on this issue is 0 (nobody cares about it): {what}";

    /// <summary><paramref name="result"/> with <paramref name="note"/> added to its notes.</summary>
    public static IssueResult WithNote(IssueResult result, string note) => result with { Notes = [.. result.Notes ?? [], note] };
}
