using System.CommandLine;
using Parley.Contracts.V1;
using Parley.Core.Modelling;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>`parley models [--json]`: every model with one line, its citation and its settings.</summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the table (see docs/cli.md)." };
        var command = new Command("models", "List the models: name, what it does, its source, its settings.");
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(ContractJson.Write(ModelsMapper.Map(ModelCatalog.All.Select(m => m.Info))));
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("model");
            table.AddColumn("what it does");
            table.AddColumn("source");
            table.AddColumn("settings (default)");
            foreach (var m in ModelRegistry.BuiltIn.All)
            {
                var settings = string.Join("\n", m.Info.Parameters.Select(p => $"{p.Name} ({p.Default}): {p.Description}"));
                table.AddRow(Markup.Escape(m.Info.Name), Markup.Escape(m.Info.Summary), Markup.Escape(m.Info.Citation), Markup.Escape(settings));
            }
            console.Out.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
