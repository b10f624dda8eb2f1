using Parley.Analysis.MonteCarlo;
using Parley.Core.Models;

namespace Parley.Analysis.Batching;

/// <summary>
/// The settings a model runs with inside the analysis's parallel loops (draws, tornado inputs, Sobol rows). A model that
/// parallelises its own run (it declares a "threads" setting, as the SMP does) runs single-threaded there when the loop
/// already fills the cores: two levels of parallel loops over a few dozen actors doubled the SMP's CPU per draw on the
/// bundled scenario. Such a model's result does not depend on its thread count, so the values are unchanged.
/// </summary>
public static class BatchSettings
{
    public const string ThreadsSetting = "threads";

    public static ModelSettings For(IModel model, ModelSettings settings, MonteCarloOptions options) =>
        options.EffectiveThreads > 1 && model.Info.Declares(ThreadsSetting)
            ? settings.With(ThreadsSetting, "1")
            : settings;
}
