using System.Diagnostics;
using System.Reflection;

namespace Parley.Cli;

/// <summary>How this program was built (for `parley bench`, whose figures mean something only for an optimised build).</summary>
public static class BuildInfo
{
    /// <summary>True when the Parley assemblies were compiled with optimisations (Release), false for a Debug build.</summary>
    public static bool Optimized { get; } = IsOptimized(typeof(BuildInfo).Assembly) && IsOptimized(typeof(Core.Domain.Scenario).Assembly);

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
