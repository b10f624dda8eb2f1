namespace Parley.Core.Models;

/// <summary>Shorthands for the built-in registry (<see cref="ModelRegistry.BuiltIn"/>).</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<IModel> All => ModelRegistry.BuiltIn.All;

    /// <summary>The models `parley run` uses when none is named.</summary>
    public static IReadOnlyList<string> DefaultNames => ModelRegistry.BuiltIn.Names;

    /// <summary>The models the Monte Carlo commands (`analyze`, `report`) use when none is named: every model, as `run`.</summary>
    public static IReadOnlyList<string> AnalysisDefaultNames => DefaultNames;

    public static string? DefaultsProblem(Domain.ModelDefaults defaults) => ModelRegistry.BuiltIn.DefaultsProblem(defaults);

    public static string? ValueProblem(IModel model, string name, string value) => ModelRegistry.ValueProblem(model, name, value);

    public static IModel? Find(string name) => ModelRegistry.BuiltIn.Find(name);
}
