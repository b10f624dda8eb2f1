using Parley.Core.Models.Baselines;
using Parley.Core.Models.Exchange;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Models.Procedural;
using Parley.Core.Models.Spatial;

namespace Parley.Core.Modelling;

/// <summary>Every model Parley ships, by the name the command line uses. Add a model here to expose it.</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<IModel> All { get; } =
    [
        new CompromiseModel(),
        new WeightedMedianModel(),
        new NashBargainingModel(),
        new ConsensusModel(),
        new ExpectedUtilityModel(),
        new SpatialModelOfPolitics(),
        new EqualGainExchangeModel(),
    ];

    /// <summary>The models `parley run` uses when none is named.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = All.Select(m => m.Info.Name).ToArray();

    /// <summary>
    /// The models the Monte Carlo commands (`analyze`, `report`) use when none is named: the one-issue models, whose
    /// fast path makes thousands of draws cheap. The multi-issue models (smp, exchange) run there when named.
    /// </summary>
    public static IReadOnlyList<string> AnalysisDefaultNames { get; } =
        All.Where(m => m is IIssueModel).Select(m => m.Info.Name).ToArray();

    public static IModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Info.Name, name, StringComparison.OrdinalIgnoreCase));
}
