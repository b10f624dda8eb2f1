using System.CommandLine;
using Parley.Contracts.V1;
using Parley.Core.Models;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley models [NAME] [--details] [--json]`: one line per model (name, what it does, how many settings); a model's
/// citation and settings with its name or --details; the catalogue as JSON with --json.
/// </summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string?>("model") { Description = "Show this model's citation and settings.", Arity = ArgumentArity.ZeroOrOne };
        var details = new Option<bool>("--details") { Description = "Show every model's citation and settings (a table)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the table (see docs/cli.md)." };
        var command = new Command("models", "List the models, one line each; a model's citation and settings with 'parley models NAME'.");
        command.Arguments.Add(name);
        command.Options.Add(details);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(ContractJson.Write(ModelsMapper.Map(ModelCatalog.All.Select(m => m.Info))));
                return ExitCodes.Ok;
            }
            var registry = ModelRegistry.BuiltIn;
            if (parse.GetValue(name) is { } named)
            {
                var model = registry.Find(named) ?? throw new UnknownModelException(named, registry.Names);
                Details(console.Out, [model]);
                return ExitCodes.Ok;
            }
            if (parse.GetValue(details))
            {
                Details(console.Out, registry.All);
                return ExitCodes.Ok;
            }
            int width = registry.All.Max(m => m.Info.Name.Length) + 2;
            foreach (var m in registry.All)
            {
                int n = m.Info.Parameters.Count;
                var settings = n == 0 ? "" : $" ({n} setting{(n == 1 ? "" : "s")})";
                console.RawOut.WriteLine(TerminalText.Safe($"{m.Info.Name.PadRight(width)}{m.Info.Summary}{settings}"));
            }
            console.RawOut.WriteLine("Citation and settings: parley models NAME (or --details for all).");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The models' summaries, citations and settings with their defaults, as a table.</summary>
    private static void Details(IAnsiConsole console, IEnumerable<IModel> models)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("model");
        table.AddColumn("what it does");
        table.AddColumn("source");
        table.AddColumn("settings (default)");
        foreach (var m in models)
        {
            var settings = string.Join("\n", m.Info.Parameters.Select(p => $"{p.Name} ({p.Default}): {p.Description}"));
            table.AddRow(TerminalText.Markup(m.Info.Name), TerminalText.Markup(m.Info.Summary), TerminalText.Markup(m.Info.Citation),
                TerminalText.Markup(settings));
        }
        console.Write(table);
    }
}
