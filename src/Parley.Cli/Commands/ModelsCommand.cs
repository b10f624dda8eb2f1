using System.CommandLine;
using Parley.Core.Modelling;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>`parley models`: every model with one line, its citation and its settings.</summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("models", "List the models: name, what it does, its source, its settings.");
        command.SetAction(_ =>
        {
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
