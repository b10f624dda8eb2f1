using Microsoft.Extensions.ObjectPool;
using Parley.Core.Models;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// What one EUM run needs besides its inputs: the simulation's buffers (they grow to the largest problem seen, then
/// are reused, so a Monte Carlo draw allocates nothing) and the options parsed from the last settings. A run rents a
/// workspace from a shared pool and returns it when it ends, so concurrent runs (Monte Carlo threads, a server's
/// requests) never share one, and the pool keeps at most a few (twice the processor count): the memory held between
/// runs is bounded, whatever threads the runs came from. A workspace holds O(n) buffers, plus the kernel's pair
/// tables where they fit <see cref="EumKernel.DefaultTableBudgetBytes"/>.
/// </summary>
internal sealed class EumWorkspace
{
    private static readonly ObjectPool<EumWorkspace> s_pool = new DefaultObjectPoolProvider().Create<EumWorkspace>();

    private readonly string?[] _values = new string?[EumOptions.Parameters.Count];
    private EumOptions? _options;

    public EumSimulation Simulation { get; } = new();

    public static EumWorkspace Rent() => s_pool.Get();

    /// <summary>Back to the pool once the run is over (also after an exception): it forgets the run's problem and token.</summary>
    public static void Return(EumWorkspace workspace)
    {
        workspace.Simulation.Finish();
        s_pool.Return(workspace);
    }

    /// <summary>
    /// The options these settings give, parsed once and reused while the values of the model's parameters stay the
    /// same: compared by value, so equal settings built anew (a server's requests) hit the cache as well as the one
    /// settings object Monte Carlo passes to every draw, and the comparison allocates nothing.
    /// </summary>
    public EumOptions Options(ModelSettings settings)
    {
        var parameters = EumOptions.Parameters;
        if (_options is not null)
        {
            bool same = true;
            for (int k = 0; k < parameters.Count && same; k++)
                same = string.Equals(Value(settings, parameters[k].Name), _values[k], StringComparison.Ordinal);
            if (same) return _options;
        }
        var options = EumOptions.From(settings);
        for (int k = 0; k < parameters.Count; k++) _values[k] = Value(settings, parameters[k].Name);
        _options = options;
        return options;
    }

    private static string? Value(ModelSettings settings, string name) => settings.Values.TryGetValue(name, out var v) ? v : null;
}
