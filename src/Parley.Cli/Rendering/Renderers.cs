namespace Parley.Cli.Rendering;

/// <summary>The detail renderers `parley run` uses, first match wins. Add one line per result type.</summary>
public static class Renderers
{
    public static IReadOnlyList<IResultRenderer> All { get; } =
    [
        new EumRenderer(),
        new SmpRenderer(),
        new ExchangeRenderer(),
    ];
}
