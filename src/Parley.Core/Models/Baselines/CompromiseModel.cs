using Parley.Core.Models;

namespace Parley.Core.Models.Baselines;

/// <summary>
/// The compromise model: the capability × salience weighted mean of the positions.
/// Source: Achen (2006) "Institutional realism and bargaining models", in Thomson et al. (eds),
/// The European Union Decides, CUP; van den Bos (1991). Leinaweaver &amp; Thomson (2014) call it
/// "a computationally simple variant of the Nash Bargaining Solution".
/// </summary>
public sealed class CompromiseModel : IssueModel
{
    public override ModelInfo Info { get; } = new(
        "compromise",
        "Capability × salience weighted mean of the positions.",
        "Achen (2006), in Thomson et al. (eds), The European Union Decides, CUP; van den Bos (1991)");

    public override IssueResult Run(IssueProblem problem, ModelSettings settings) => new()
    {
        Issue = problem.Issue.Id,
        Forecast = WeightedMean(problem.Positions, problem.Capabilities, problem.Saliences),
        Notes = AllWeightsZero(problem) ? [ZeroWeightsNote] : null,
    };

    internal const string ZeroWeightsNote =
        "Every actor has zero weight (capability × salience): all positions are weighted equally.";

    internal static bool AllWeightsZero(IssueProblem problem)
    {
        for (int i = 0; i < problem.Count; i++)
            if (problem.Capabilities[i] * problem.Saliences[i] > 0) return false;
        return true;
    }

    public override double Forecast(IssueProblem problem, ModelSettings settings) =>
        WeightedMean(problem.Positions, problem.Capabilities, problem.Saliences);

    /// <summary>Σ c s x / Σ c s. When every weight is zero (nobody cares), the unweighted mean.</summary>
    public static double WeightedMean(ReadOnlySpan<double> positions, ReadOnlySpan<double> capabilities, ReadOnlySpan<double> saliences)
    {
        double sw = 0, swx = 0, sx = 0;
        for (int i = 0; i < positions.Length; i++)
        {
            double w = capabilities[i] * saliences[i];
            sw += w;
            swx += w * positions[i];
            sx += positions[i];
        }
        return sw > 0 ? swx / sw : sx / positions.Length;
    }
}
