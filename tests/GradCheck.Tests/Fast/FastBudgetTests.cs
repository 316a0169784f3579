namespace GradCheck.Tests.Fast;

public class FastBudgetTests
{
    private static readonly GradientCheckOptions Fast = new() { Mode = CheckMode.Fast };

    [Fact]
    public void CorrectGradientInTenThousandDimensionsPassesWithinOneHundredEvaluations()
    {
        // The search's own cost, without the repeats at the point that make every check at least 342 evaluations long.
        var problem = new SeparableCoupled(10_000, seed: 1);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, Fast with { DeterminismEvaluations = 0 });
        Assert.True(report.Passed, report.ToString());
        Assert.Empty(report.Entries);
        Assert.InRange(report.FunctionEvaluations, 1, 100);

        // By default the rest up to the floor are repeats at the point (rare randomness shows only in enough calls).
        var topped = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, Fast);
        Assert.True(topped.Passed, topped.ToString());
        Assert.Equal(342, topped.FunctionEvaluations);
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
