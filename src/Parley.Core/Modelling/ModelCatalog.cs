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
    public static IReadOnlyList<string> DefaultNames { get; } = ["compromise", "median", "nash", "consensus"];

    public static IModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Info.Name, name, StringComparison.OrdinalIgnoreCase));
}
