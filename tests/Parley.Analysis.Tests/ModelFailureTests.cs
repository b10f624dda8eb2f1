using Parley.Analysis.MonteCarlo;
using Parley.Core;
using Parley.Core.Models;
using Parley.Core.Models.Baselines;
using Parley.Reports.Html;
using Xunit;

namespace Parley.Analysis.Tests;

/// <summary>
/// One failure path for a model that cannot run: analyze's entry (table and JSON `errors` read it) and the report say
/// "model refused: reason" for a refusal and "model failed: internal error" for a bug, never the raw .NET message,
/// and the other models are analysed as usual.
/// </summary>
public class ModelFailureTests
{
    private sealed class Failing(string name, Exception error) : IssueModel
    {
        public override ModelInfo Info { get; } = new(name, "Test model that cannot run.", "test");

        public override IssueResult Run(IssueProblem problem, ModelSettings settings) => throw error;
    }

    private static AnalysisResult Analyse(params IModel[] models) => ScenarioAnalysis.Run(TestScenarios.Small(), models,
        new AnalysisOptions { MonteCarlo = new MonteCarloOptions { Draws = 50, Seed = 1, Threads = 1 } });

    [Fact]
    public void A_refusal_is_shown_as_model_refused_with_where_and_a_bug_without_its_dotnet_message()
    {
        var result = Analyse(
            new CompromiseModel(),
            new Failing("refuses", new ModelRefusedException("refuses", "every salience is 0", issue: "tax")),
            new Failing("crashes", new IndexOutOfRangeException("Index was outside the bounds of the array.")));
        Assert.Null(result.Models[0].Error);
        Assert.NotNull(result.Models[0].Point);
        Assert.Equal("model refused: every salience is 0 (issue 'tax')", result.Models[1].Error);
        Assert.Equal(ModelFailure.Internal, result.Models[2].Error);

        var html = HtmlReport.Render(result);
        Assert.Contains("model refused: every salience is 0 (issue &#39;tax&#39;)", html.Replace("&#x27;", "&#39;"));
        Assert.Contains("model failed: internal error", html);
        Assert.DoesNotContain("Index was outside", html);
    }

    [Fact]
    public void A_setting_the_model_cannot_use_is_a_refusal_and_keeps_its_own_words()
    {
        var e = new ModelSettingException("setting 'q': 2 is not in 0..1");
        Assert.Equal("model refused: setting 'q': 2 is not in 0..1", ModelFailure.Describe(e));
        Assert.Equal(ModelFailure.Internal, ModelFailure.Describe(new AnalysisException("draw 3: Index was outside", new IndexOutOfRangeException())));
    }
}
