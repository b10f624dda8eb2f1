using Parley.Core.Domain;
using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Xunit;

namespace Parley.Core.Tests.Models.ExpectedUtility;

public class PerceptionTests
{
    [Fact]
    public void The_view_after_round_3_sees_the_positions_of_round_3_and_implies_the_round_4_move()
    {
        var problem = EcEmissions.Problem();
        var run = (EumResult)new ExpectedUtilityModel().Run(problem, ModelSettings.Default);
        var view = Perception.For(problem, ModelSettings.Default, EcEmissions.Index("Belgium"), round: 3);
        Assert.Equal(3, view.Round);
        Assert.Equal(run.Rounds[3].Positions["Belgium"], view.Position, 12);
        Assert.Equal(run.Rounds[4].Risk["Belgium"], view.Risk, 12);
        foreach (var row in view.Rows) Assert.Equal(run.Rounds[3].Positions[row.Other], row.OtherPosition, 12);
        // Round 4 (offers log): Belgium compromises with Netherlands, -0.7153336335609584 vs 0.826336595809209 → 4.800881140632622.
        var nl = view.Rows.Single(r => r.Other == "Netherlands");
        Assert.Equal(-0.7153336335609584, nl.EuSelf, 12);
        Assert.Equal(0.826336595809209, nl.EuOther, 12);
        Assert.Equal(Quadrant.CompromiseLose, nl.Quadrant);
        Assert.Equal("self", nl.Mover);
        Assert.Equal(4.800881140632622, nl.ImpliedPosition, 9);
    }

    [Fact]
    public void Quadrants_follow_Scholz_figure_6()
    {
        Assert.Equal(Quadrant.ConfrontationWin, Perception.Classify(0.5, 0.2));
        Assert.Equal(Quadrant.ConfrontationLose, Perception.Classify(0.2, 0.5));
        Assert.Equal(Quadrant.CompromiseWin, Perception.Classify(0.5, -0.2));
        Assert.Equal(Quadrant.CompelWin, Perception.Classify(0.2, -0.5));
        Assert.Equal(Quadrant.CompromiseLose, Perception.Classify(-0.2, 0.5));
        Assert.Equal(Quadrant.CompelLose, Perception.Classify(-0.5, 0.2));
        Assert.Equal(Quadrant.Stalemate, Perception.Classify(-0.5, -0.2));
        Assert.Equal(Quadrant.Indifferent, Perception.Classify(0.3, 0.3));
    }

    [Fact]
    public void Perception_is_a_pure_function_and_validates_its_inputs()
    {
        var problem = EcEmissions.Problem();
        var settings = ModelSettings.Default.With("variant", "paper");
        var a = Perception.For(problem, settings, 4);
        var b = Perception.For(problem, settings, 4);
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal("paper", a.Variant);
        Assert.Equal(9, a.Rows.Count);
        Assert.All(a.Rows, r => Assert.True(double.IsFinite(r.EuSelf) && double.IsFinite(r.EuOther)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Perception.For(problem, settings, 10));
        Assert.Throws<ModelSettingException>(() => Perception.For(problem, ModelSettings.Default.With("colour", "red"), 0));
        var removed = ModelSettings.Default with { Interventions = [new Intervention(1, new ActorId("France"), InterventionKind.Remove)] };
        Assert.Throws<ArgumentException>(() => Perception.For(problem, removed, EcEmissions.Index("France")));
        Assert.DoesNotContain(Perception.For(problem, removed, 0).Rows, r => r.Other == "France");
    }
}

public class PerceptionCapitulationTests
{
    [Fact]
    public void Capitulation_quadrants_imply_no_move_in_the_reference_variant_but_do_in_the_paper_variant()
    {
        var problem = EcEmissions.Problem();
        var reference = Perception.For(problem, ModelSettings.Default, EcEmissions.Index("Belgium"));
        var nl = reference.Rows.Single(r => r.Other == "Netherlands");
        Assert.Equal(Quadrant.CompelLose, nl.Quadrant); // -0.4725 vs 0.2423 (round-1 internals)
        Assert.Equal("none", nl.Mover);
        Assert.Equal(7.0, nl.ImpliedPosition);
        Assert.Contains("(not in the reference variant)", nl.Text);
        var paper = Perception.For(problem, ModelSettings.Default.With("variant", "paper"), EcEmissions.Index("Belgium"));
        Assert.All(paper.Rows.Where(r => r.Quadrant == Quadrant.CompelLose), r => Assert.Equal(("self", r.OtherPosition), (r.Mover, r.ImpliedPosition)));
    }
}
