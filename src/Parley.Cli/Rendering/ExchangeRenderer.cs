using Parley.Core.Domain;
using Parley.Core.Models.Exchange;
using Parley.Core.Models;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>
/// The exchange model on one issue: per round the outcome on preferences and on votes, the exchanges that traded the
/// issue (who gave what, from → to, the equal gain), and who outside those exchanges gained or lost.
/// </summary>
public sealed class ExchangeRenderer : IResultRenderer
{
    public bool CanRender(IssueResult result) => result is ExchangeIssueResult;

    public void Render(IAnsiConsole console, Scenario scenario, Issue issue, string model, IssueResult result)
    {
        var r = (ExchangeIssueResult)result;
        var scale = issue.Scale;
        console.Write(new Rule($"[bold]{TerminalText.Markup(model)}[/] · {TerminalText.Markup(issue.Title)}").LeftJustified());

        var rounds = new Table().Border(TableBorder.Simple)
            .AddColumn("round").AddColumn(new TableColumn("preferences").RightAligned())
            .AddColumn(new TableColumn("votes").RightAligned()).AddColumn(new TableColumn("exchanges").RightAligned());
        foreach (var round in r.Rounds)
            rounds.AddRow(round.Round.ToString(), Numbers.OnScale(round.PreferenceOutcome, scale),
                Numbers.OnScale(round.VotingOutcome, scale), round.Exchanges.Count.ToString());
        console.Write(rounds);

        var trades = r.Rounds.SelectMany(round => round.Exchanges.Select(x => (round.Round, x))).ToArray();
        if (trades.Length == 0)
        {
            console.MarkupLine("[grey]No exchange traded this issue.[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Simple).Title("exchanges trading this issue")
            .AddColumn("round").AddColumn("#").AddColumn("i: actor, issue, from→to").AddColumn("j: actor, issue, from→to")
            .AddColumn(new TableColumn("gain").RightAligned());
        const int shown = 25;
        foreach (var (round, x) in trades.Take(shown))
        {
            var si = scenario.Issue(new IssueId(x.ISupplies)).Scale;
            var sj = scenario.Issue(new IssueId(x.JSupplies)).Scale;
            table.AddRow(round.ToString(), x.Order.ToString(),
                TerminalText.Markup($"{x.ActorI}, {x.ISupplies}, {Numbers.OnScale(x.IFrom, si)}→{Numbers.OnScale(x.ITo, si)}"),
                TerminalText.Markup($"{x.ActorJ}, {x.JSupplies}, {Numbers.OnScale(x.JFrom, sj)}→{Numbers.OnScale(x.JTo, sj)}"),
                Numbers.Plain(x.Gain, 4));
        }
        console.Write(table);
        if (trades.Length > shown)
            console.MarkupLine($"[grey]… and {trades.Length - shown} more (all of them with --json).[/]");

        var ext = new Table().Border(TableBorder.Simple).Title("utility change on this issue (0–100 scale × salience)")
            .AddColumn("actor").AddColumn(new TableColumn("own exchanges").RightAligned())
            .AddColumn(new TableColumn("inner +/−").RightAligned()).AddColumn(new TableColumn("outer +/−").RightAligned())
            .AddColumn(new TableColumn("net from others").RightAligned());
        foreach (var e in r.Externalities)
            ext.AddRow(TerminalText.Markup(e.Actor), Numbers.Plain(e.Own, 3),
                $"{Numbers.Plain(e.InnerPositive, 3)} / {Numbers.Plain(e.InnerNegative, 3)}",
                $"{Numbers.Plain(e.OuterPositive, 3)} / {Numbers.Plain(e.OuterNegative, 3)}", Numbers.Plain(e.Net, 3));
        console.Write(ext);
    }
}
