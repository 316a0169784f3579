using GradCheck.Tests.Fast;
using GradCheck.Tests.Models;

namespace GradCheck.Tests.Reporting;

/// <summary>What a report says about itself (mode, directions, noise, seed, worst entry) matches what the check did.</summary>
public class ReportFieldsTests
{
    private static readonly double[] Point = [0.3, -0.8, 1.2, 0.7, 0.5];

    private static double F(double[] x) => x.Select((v, i) => (i + 1) * Math.Sin(v)).Sum() + 0.5 * x.Sum() * x.Sum();

    private static double[] Gradient(double[] x) => x.Select((v, i) => (i + 1) * Math.Cos(v) + x.Sum()).ToArray();

    [Theory]
    [InlineData("matrix")]
    [InlineData("vjp")]
    [InlineData("jvp")]
    public void A_fast_Jacobian_check_reports_fast_mode_and_its_directions(string form)
    {
        var problem = new VectorProblem(2, 2, seed: 35);
        var report = Check(form, problem, new GradientCheckOptions { Mode = CheckMode.Fast });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(CheckMode.Fast, report.Mode);
        Assert.True(report.Directions > 0, report.Summary);
        Assert.Contains($"{report.Directions} random directions", report.Summary);
        Assert.DoesNotContain("0 of 0 entries ok", report.Summary);
        Assert.DoesNotContain("coordinates", report.Summary);
    }

    [Fact]
    public void A_full_Jacobian_check_of_a_matrix_draws_nothing_random_and_reports_no_seed()
    {
        var problem = new VectorProblem(2, 3, seed: 36);
        var report = JacobianCheck.Run(problem.F, problem.Jacobian, problem.Point);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(CheckMode.Full, report.Mode);
        Assert.Null(report.Seed);
    }

    [Fact]
    public void A_full_Jacobian_check_of_a_product_reports_the_seed_of_its_random_upstream_vector()
    {
        var problem = new VectorProblem(2, 3, seed: 36);
        var report = JacobianCheck.RunVjp(problem.F, problem.Vjp, problem.Point, new GradientCheckOptions { Seed = 77 });

        Assert.Equal(77, report.Seed);
    }

    [Fact]
    public void Checking_nearby_points_keeps_the_mode_directions_and_noise_of_the_checks()
    {
        var options = new GradientCheckOptions { Mode = CheckMode.Fast };
        var atPoint = GradientCheck.Run(F, Gradient, Point, options);
        var nearby = GradientCheck.RunNearby(F, Gradient, Point, nearbyPoints: 2, options);

        Assert.True(atPoint.FunctionNoise > 0);
        Assert.Equal(atPoint.FunctionNoise, nearby.FunctionNoise);
        Assert.Equal(CheckMode.Fast, nearby.Mode);
        Assert.True(nearby.Directions >= atPoint.Directions * 3, $"{nearby.Directions} directions, {atPoint.Directions} at the point");
        Assert.Contains("random directions", nearby.Summary);
    }

    [Fact]
    public void The_summary_names_the_entry_with_the_largest_error_to_tolerance_and_calls_it_that()
    {
        var report = GradientCheck.Run(F, Gradient, Point);
        var largest = report.Entries.MaxBy(e => e.ErrorToTolerance)!;

        Assert.DoesNotContain("relative error", report.Summary);
        Assert.Contains($"largest error/tolerance {GradCheck.Reporting.ReportText.Num(largest.AbsoluteError / largest.Tolerance)} at {largest.Label}", report.Summary);
        Assert.Contains("abs tolerance", report.ToString());
    }

    [Fact]
    public void The_model_summary_uses_the_same_worst_entry()
    {
        var report = ModelCheck.Run(new LinearTestModel<double>(3, 4, seed: 5));
        var largest = report.Details.Entries.MaxBy(e => e.ErrorToTolerance)!;

        Assert.True(report.Passed, report.ToString());
        Assert.DoesNotContain("worst relative error", report.Summary);
        Assert.Contains($"largest error/tolerance {GradCheck.Reporting.ReportText.Num(largest.ErrorToTolerance)} at {largest.Label}", report.Summary);
    }

    [Fact]
    public void Error_to_tolerance_is_the_absolute_error_over_the_absolute_tolerance()
    {
        var entry = new EntryResult
        {
            Index = 0, Analytic = 1.5, Numeric = 1.0, AbsoluteError = 0.5, RelativeError = 0.5 / 1.5, ErrorEstimate = 0, Tolerance = 0.25,
            Verdict = EntryVerdict.Mismatch,
        };
        Assert.Equal(2.0, entry.ErrorToTolerance);
        Assert.Equal(double.PositiveInfinity, (entry with { Tolerance = 0 }).ErrorToTolerance);
        Assert.Equal(0.0, (entry with { AbsoluteError = 0, Tolerance = 0 }).ErrorToTolerance);
        Assert.Equal(double.PositiveInfinity, (entry with { Analytic = double.NaN }).ErrorToTolerance);
    }

    private static GradientReport Check(string form, VectorProblem problem, GradientCheckOptions options) => form switch
    {
        "matrix" => JacobianCheck.Run(problem.F, problem.Jacobian, problem.Point, options),
        "vjp" => JacobianCheck.RunVjp(problem.F, problem.Vjp, problem.Point, options),
        _ => JacobianCheck.RunJvp(problem.F, problem.Jvp, problem.Point, options),
    };
}
