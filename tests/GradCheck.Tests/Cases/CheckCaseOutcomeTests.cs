using GradCheck.Tests.Support;

namespace GradCheck.Tests.Cases;

/// <summary>A case's outcome over its groups: Failed if any group failed, else Inconclusive if any was, else Passed.</summary>
public sealed class CheckCaseOutcomeTests
{
    private static GradientReport Passing() => GradientCheck.Run(x => x[0] * x[1], x => [x[1], x[0]], [0.3, 0.7]);

    private static GradientReport Failing() => GradientCheck.Run(x => x[0] * x[0], x => [3 * x[0]], [1.0]);

    private static GradientReport Drowned() => GradientCheck.Run(Support.Drowned.F, Support.Drowned.Gradient, Support.Drowned.Point);

    private static CheckCaseResult Of(params GradientReport[] reports) =>
        new(reports.Select((r, i) => new CheckGroup($"g{i}", [r.Dimension], r)).ToArray());

    [Fact]
    public void The_outcome_is_the_worst_group_outcome()
    {
        var passing = Passing();
        var drowned = Drowned();
        var failing = Failing();
        Assert.Equal(CheckOutcome.Passed, passing.Outcome);
        Assert.Equal(CheckOutcome.Inconclusive, drowned.Outcome);
        Assert.Equal(CheckOutcome.Failed, failing.Outcome);

        Assert.Equal(CheckOutcome.Passed, Of(passing, passing).Outcome);
        Assert.True(Of(passing, passing).Passed);
        Assert.Equal(CheckOutcome.Inconclusive, Of(passing, drowned).Outcome);
        Assert.False(Of(passing, drowned).Passed);
        Assert.Equal(CheckOutcome.Failed, Of(drowned, failing, passing).Outcome);
        Assert.False(Of(drowned, failing, passing).Passed);
    }

    [Fact]
    public void A_function_case_run_with_the_runners_options_is_inconclusive()
    {
        var result = CheckCase.Function("drowned", Support.Drowned.F, Support.Drowned.Gradient, Support.Drowned.Point)
            .Run(GradientCheckOptions.Default, CancellationToken.None);
        Assert.Equal(CheckOutcome.Inconclusive, result.Outcome);
        Assert.All(result.Groups.Single().Report.Entries, e => Assert.True(e.IsInconclusive));
    }
}
