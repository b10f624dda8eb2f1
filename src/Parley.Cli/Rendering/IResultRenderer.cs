using Parley.Core.Domain;
using Parley.Core.Models;
using Spectre.Console;

namespace Parley.Cli.Rendering;

/// <summary>
/// Renders the details of one kind of model result (round tables, bargains, exchanges...) after the forecast
/// table of `parley run`. Register an implementation in <see cref="Renderers"/>.
/// </summary>
public interface IResultRenderer
{
    bool CanRender(IssueResult result);

    void Render(IAnsiConsole console, Scenario scenario, Issue issue, string model, IssueResult result);
}
