namespace GradCheck.Tests.Fast;

public class FastBudgetTests
{
    private static readonly GradientCheckOptions Fast = new() { Mode = CheckMode.Fast };

    [Fact]
    public void CorrectGradientInTenThousandDimensionsPassesWithinOneHundredEvaluations()
    {
        var problem = new SeparableCoupled(10_000, seed: 1);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, Fast);
        Assert.True(report.Passed, report.ToString());
        Assert.Empty(report.Entries);
        Assert.InRange(report.FunctionEvaluations, 1, 100);
    }

    [Fact]
    public void OneEntryOffByOnePercentInTenThousandDimensionsIsLocatedWithinTwoThousandEvaluations()
    {
        var problem = new SeparableCoupled(10_000, seed: 2);
        const int wrong = 6_173;
        var report = GradientCheck.Run(problem.F, problem.GradientWithBug(0.01, wrong), problem.Point, Fast);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(wrong, failure.Index);
        double exact = problem.Gradient(problem.Point)[wrong];
        Assert.Equal(exact * 1.01, failure.Analytic, 15);
        Assert.Equal(exact, failure.Numeric, 1e-8);
        Assert.InRange(report.FunctionEvaluations, 1, 2_000);
    }
}
