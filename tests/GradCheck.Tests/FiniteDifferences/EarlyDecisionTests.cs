using GradCheck.Tests.Support;

namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// Early decisions: an entry of a smooth double function passes on three evaluations when the cheap estimate agrees with
/// the analytic value decisively; anything else (a bug, a kink, a jump, a large offset, float32) gets the full estimate,
/// and no verdict differs from the full estimate's.
/// </summary>
public class EarlyDecisionTests
{
    private static readonly GradientCheckOptions Full = new() { EarlyDecisions = false };

    [Fact]
    public void Smooth_double_entries_pass_on_three_evaluations()
    {
        foreach (var problem in new[] { TestProblems.Quadratic(6, 3), TestProblems.Logistic(5, 8, 4), TestProblems.TanhNetwork(3, 4, 5, 1) })
        {
            var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);
            Assert.True(report.Passed, report.ToString());
            Assert.All(report.Entries, e => Assert.Equal(EntryVerdict.Ok, e.Verdict));
            Assert.True(report.Entries.Average(e => e.Evaluations) <= 4, $"{problem}: {report.Entries.Average(e => e.Evaluations)} evaluations per entry");
        }
    }

    [Fact]
    public void Every_verdict_of_the_correct_problems_is_the_full_estimates()
    {
        foreach (var problem in TestProblems.Correct())
        {
            var early = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);
            var full = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, Full);
            Assert.Equal(full.Entries.Select(e => e.Verdict), early.Entries.Select(e => e.Verdict));
        }
    }

    [Theory]
    [InlineData(1.0001)]
    [InlineData(1.01)]
    [InlineData(-1.0)]
    public void A_small_bug_is_never_passed_early(double factor)
    {
        var problem = TestProblems.Logistic(5, 8, 4);
        var report = GradientCheck.Run(problem.F, x => { var g = problem.Gradient(x); g[2] *= factor; return g; }, problem.Point);
        Assert.Equal(EntryVerdict.Mismatch, report.Entries[2].Verdict);
        Assert.Single(report.Failures);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void A_kink_at_the_point_is_seen_whatever_subgradient_is_claimed(double subgradient)
    {
        // |x| at 0 with the claimed subgradient 0: every central difference is exactly 0, only the third difference sees the kink.
        var report = GradientCheck.Run(x => Math.Abs(x[0]) + 0.5 * x[0] + Math.Sin(x[1]), x => [subgradient + 0.5, Math.Cos(x[1])], [0.0, 0.3]);
        Assert.Equal(EntryVerdict.NonDifferentiable, report.Entries[0].Verdict);
        Assert.Equal(EntryVerdict.Ok, report.Entries[1].Verdict);
    }

    [Theory]
    [InlineData(0.0, 1e-6)]
    [InlineData(1e-8, 1e-6)]
    [InlineData(-1e-8, 1e-9)]
    public void A_jump_within_the_cheap_steps_gets_the_full_estimates_verdict(double at, double size)
    {
        // Inside the cheap estimate's steps (about 6e-8 here), far below the full tableau's.
        double F(double[] x) => Math.Sin(x[0]) + (x[0] >= 0.3 + at ? size : 0);
        var early = GradientCheck.Run(F, x => [Math.Cos(x[0])], [0.3]);
        var full = GradientCheck.Run(F, x => [Math.Cos(x[0])], [0.3], Full);
        Assert.Equal(full.Entries[0].Verdict, early.Entries[0].Verdict);
        if (at == 0) Assert.NotEqual(EntryVerdict.Ok, early.Entries[0].Verdict);
    }

    [Fact]
    public void A_large_offset_spends_nothing_on_the_cheap_estimate()
    {
        var problem = TestProblems.LargeOffset(4, 10);
        var early = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);
        var full = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, Full);
        Assert.Equal(full.Entries.Select(e => (e.Verdict, e.Evaluations)), early.Entries.Select(e => (e.Verdict, e.Evaluations)));
    }

    [Fact]
    public void Float32_is_estimated_in_full()
    {
        var report = GradientCheck.Run(x => MathF.Sin(x[0]) * x[1], x => [MathF.Cos(x[0]) * x[1], MathF.Sin(x[0])], [0.4f, 1.3f]);
        var full = GradientCheck.Run(x => MathF.Sin(x[0]) * x[1], x => [MathF.Cos(x[0]) * x[1], MathF.Sin(x[0])], [0.4f, 1.3f], Full);
        Assert.Equal(full.Entries.Select(e => e.Evaluations), report.Entries.Select(e => e.Evaluations));
    }
}
