using GradCheck.Tests.Fast;
using GradCheck.Tests.Models;

namespace GradCheck.Tests.Reporting;

/// <summary>Every report type keeps the same contract (<see cref="ICheckReport"/>), passed and failed alike.</summary>
public class CheckReportContractTests
{
    private static readonly double[] Point = [0.3, -0.8, 1.2, 0.7];

    private static double F(double[] x) => x.Select((v, i) => (i + 1) * Math.Sin(v)).Sum();

    private static double[] Gradient(double[] x) => x.Select((v, i) => (i + 1) * Math.Cos(v)).ToArray();

    /// <summary>∂f/∂x₂ off by 5 %.</summary>
    private static double[] Wrong(double[] x)
    {
        var g = Gradient(x);
        g[2] *= 1.05;
        return g;
    }

    public static TheoryData<string> Kinds => ["gradient", "fast", "jacobian", "hessian", "taylor", "descent", "model", "exact"];

    private static ICheckReport Run(string kind, bool correct)
    {
        Func<double[], double[]> g = correct ? Gradient : Wrong;
        var problem = new VectorProblem(2, 3, seed: 42);
        var wrongProblem = problem.With([(1, 2, 0.05)]);
        return kind switch
        {
            "gradient" => GradientCheck.Run(F, g, P()),
            "fast" => GradientCheck.Run(F, g, P(), new GradientCheckOptions { Mode = CheckMode.Fast }),
            "jacobian" => JacobianCheck.Run(problem.F, (correct ? problem : wrongProblem).Jacobian, (double[])problem.Point.Clone()),
            "hessian" => HessianCheck.Run(Gradient, (x, v) => x.Select((xi, i) => -(i + 1) * Math.Sin(xi) * v[i] * (correct || i != 2 ? 1 : 1.05)).ToArray(), P()),
            "taylor" => TaylorTest.Run(F, g, P()),
            "descent" => DescentCheck.Run(F, x => g(x).Select((v, i) => i == 2 && !correct ? -v : v).ToArray(), P()),
            "model" => ModelCheck.Run(correct ? new LinearTestModel<double>(2, 3, seed: 7) : new LinearTestModel<double>(2, 3, seed: 7) { Bug = m => m.BiasGradient[0] *= 1.05 }),
            _ => GradientCheck.RunExact(new Sines(), g, P()),
        };
    }

    private static double[] P() => (double[])Point.Clone();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_passing_report_of_every_kind_keeps_the_contract(string kind)
    {
        var report = Run(kind, correct: true);

        Assert.Equal(CheckOutcome.Passed, report.Outcome);
        Assert.True(report.Passed);
        Assert.StartsWith(ReportVerdictWord(report.Summary), report.Summary);
        Assert.Contains("PASSED", report.Summary);
        Assert.False(string.IsNullOrWhiteSpace(report.Method));
        Assert.NotNull(report.Warnings);
        Assert.True(report.FunctionEvaluations > 0);
        report.ThrowIfFailed();
        Assert.Contains(report.Summary, report.ToString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_failing_report_of_every_kind_throws_a_gradient_check_exception_with_its_failure_message(string kind)
    {
        var report = Run(kind, correct: false);

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.False(report.Passed);
        Assert.Contains("FAILED", report.Summary);
        var thrown = Assert.ThrowsAny<GradientCheckException>(report.ThrowIfFailed);
        Assert.Equal(report.FailureMessage(), thrown.Message);
    }

    [Fact]
    public void The_seed_is_reported_only_when_something_random_was_drawn()
    {
        Assert.Null(((ICheckReport)GradientCheck.Run(F, Gradient, P())).Seed);
        Assert.Equal(9, ((ICheckReport)GradientCheck.Run(F, Gradient, P(), new GradientCheckOptions { SampleSize = 2, Seed = 9 })).Seed);
        Assert.Equal(9, ((ICheckReport)TaylorTest.Run(F, Gradient, P(), new TaylorTestOptions { Seed = 9 })).Seed);
        Assert.Null(((ICheckReport)TaylorTest.Run(F, Gradient, P(), new TaylorTestOptions { Direction = [1, 0, 0, 0] })).Seed);
        Assert.Null(((ICheckReport)DescentCheck.Run(F, Gradient, P())).Seed);
        var model = ModelCheck.Run(new LinearTestModel<double>(2, 3, seed: 7));
        Assert.Equal(model.Details.Method, model.Method);
        Assert.Null(model.Seed);
    }

    private static string ReportVerdictWord(string summary) => summary.Split(' ', ':')[0];

    /// <summary>F on any IEEE type, for the exact (dual-number) check.</summary>
    private sealed class Sines : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++) sum += T.CreateChecked(i + 1) * T.Sin(x[i]);
            return sum;
        }
    }
}
