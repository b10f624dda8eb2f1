using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Spatial;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>
/// Details of a KTAB SMP run on one issue: every actor's position per state with its class probability in the last
/// state, the modal outcome class, and (once, with the first issue) the bargains of the first and last rounds.
/// </summary>
public sealed class SmpRenderer : IResultRenderer
{
    private const int MaxStateColumns = 7, MaxActors = 40, MaxBargainRounds = 3;

    public bool CanRender(IssueResult result) => result is SmpIssueResult;

    public void Render(IAnsiConsole console, Scenario scenario, Issue issue, string model, IssueResult result)
    {
        var r = (SmpIssueResult)result;
        int k = r.Issues.ToList().IndexOf(issue.Id.Value);
        if (k < 0) return;
        console.Write(new Rule($"[bold]{TerminalText.Markup(model)}[/]: {TerminalText.Markup(issue.Title)} — {r.States.Count} states"));
        var states = PickStates(r.States.Count);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("actor");
        foreach (var t in states) table.AddColumn(new TableColumn(t < 0 ? "…" : $"t{t}").RightAligned());
        table.AddColumn(new TableColumn("p(last)").RightAligned());
        var last = r.States[^1];
        foreach (var id in last.Positions.Keys.Take(MaxActors))
        {
            var cells = new List<string> { TerminalText.Markup(id) };
            foreach (var t in states)
                cells.Add(t < 0 ? "" : Numbers.OnScale(r.States[t].Positions[id][k], issue.Scale));
            cells.Add(Numbers.Plain(last.Probabilities[id], 4));
            table.AddRow(cells.ToArray());
        }
        if (last.Positions.Count > MaxActors) table.AddRow($"… {last.Positions.Count - MaxActors} more (see --json)");
        console.Write(table);
        console.MarkupLine($"modal outcome: [bold]{Numbers.OnScale(r.ModalClass.Position, issue.Scale)}[/] " +
                           $"(p = {Numbers.Plain(r.ModalClass.Probability, 4)}; held by {TerminalText.Markup(string.Join(", ", r.ModalClass.Actors.Take(8)))}" +
                           $"{(r.ModalClass.Actors.Count > 8 ? ", …" : "")})");
        if (k == 0) RenderBargains(console, scenario, r);
    }

    private static List<int> PickStates(int count)
    {
        if (count <= MaxStateColumns) return Enumerable.Range(0, count).ToList();
        var head = Enumerable.Range(0, MaxStateColumns - 3).ToList();
        head.Add(-1);
        head.Add(count - 2);
        head.Add(count - 1);
        return head;
    }

    private static void RenderBargains(IAnsiConsole console, Scenario scenario, SmpIssueResult r)
    {
        var rounds = r.Bargains.Take(MaxBargainRounds - 1).Concat(r.Bargains.Skip(Math.Max(MaxBargainRounds - 1, r.Bargains.Count - 1))).ToList();
        foreach (var round in rounds)
        {
            var table = new Table().Border(TableBorder.Simple).Title($"bargains, round {round.Round} (positions on {string.Join(", ", r.Issues)})");
            table.AddColumn("initiator → receiver");
            table.AddColumn("initiator moves to");
            table.AddColumn("receiver moves to");
            table.AddColumn(new TableColumn("gain").RightAligned());
            table.AddColumn("chosen by");
            foreach (var b in round.Proposals.Take(MaxActors))
            {
                var chosen = (b.ChosenByInitiator, b.ChosenByReceiver) switch
                {
                    (true, true) => "both",
                    (true, false) => "initiator",
                    (false, true) => "receiver",
                    _ => "neither",
                };
                table.AddRow(TerminalText.Markup($"{b.Initiator} → {b.Receiver}"), Coords(scenario, r, b.InitiatorPosition),
                    Coords(scenario, r, b.ReceiverPosition), Numbers.Plain(b.Gain, 4), chosen);
            }
            if (round.Proposals.Count > MaxActors) table.AddRow($"… {round.Proposals.Count - MaxActors} more (see --json)", "", "", "", "");
            console.Write(table);
        }
    }

    private static string Coords(Scenario scenario, SmpIssueResult r, IReadOnlyList<double> x) =>
        string.Join(" / ", x.Select((v, k) => Numbers.OnScale(v, scenario.Issue(new IssueId(r.Issues[k])).Scale)));
}
