using Parley.Formats.Scenarios;
using Parley.Formats.Tables;

namespace Parley.Formats;

/// <summary>The input formats Parley reads. Add a reader here to make it available to every command.</summary>
internal static class FormatRegistration
{
    internal static void RegisterBuiltIns()
    {
        // Registration order = precedence when recognising content: generic formats first, specific ones later
        // (a later reader that recognises the content wins over an earlier one claiming only the extension).
        ScenarioFiles.Register(new YamlScenarioReader());
        ScenarioFiles.Register(new JsonScenarioReader());
        ScenarioFiles.Register(new TableCsvReader());
        ScenarioFiles.Register(new Ktab.KtabReader());
        ScenarioFiles.Register(new Decide.DecideReader());
    }
}
