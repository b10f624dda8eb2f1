using Parley.Analysis.MonteCarlo;
using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;

namespace Parley.Analysis.Tests;

/// <summary>The analysis the report tests render: the small scenario, compromise and median, 400 draws, seed 1.</summary>
internal static class ReportFixture
{
    public static AnalysisResult Small() => ScenarioAnalysis.Run(TestScenarios.Small(),
        [new CompromiseModel(), new WeightedMedianModel(), new TrajectoryModel()],
        new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 400, Seed = 1, Threads = 2 } });

    /// <summary>A made-up round-based model (each actor moves a third of the way to the compromise per round) for the trajectory chart.</summary>
    internal sealed class TrajectoryModel : IssueModel
    {
        public override ModelInfo Info { get; } = new("drift", "Test model: actors drift towards the compromise.", "test", IsDynamic: true);

        public override IssueResult Run(IssueProblem problem, ModelSettings settings)
        {
            var x = (double[])problem.Positions.Clone();
            var points = new List<TrajectoryPoint>();
            for (int round = 0; round <= 4; round++)
            {
                double mean = CompromiseModel.WeightedMean(x, problem.Capabilities, problem.Saliences);
                points.Add(new TrajectoryPoint(round, Enumerable.Range(0, x.Length).ToDictionary(problem.ActorKey, i => x[i]), mean));
                for (int i = 0; i < x.Length; i++) x[i] += (mean - x[i]) / 3;
            }
            return new DriftResult { Issue = problem.Issue.Id, Forecast = points[^1].Outcome, Trajectory = points };
        }
    }

    internal sealed record DriftResult : IssueResult, IHasTrajectory
    {
        public required IReadOnlyList<TrajectoryPoint> Trajectory { get; init; }
    }
}
