using GradCheck.Tests.Fast;
using GradCheck.Tests.Models;

namespace GradCheck.Tests;

/// <summary>Each way a check cannot go ahead has its own exception type, all of them <see cref="GradientCheckException"/>s.</summary>
public class TypedExceptionTests
{
    private static readonly double[] Point = [0.3, -0.8, 1.2, 0.0, 0.5];

    private static double F(double[] x) => x.Select((v, i) => (i + 1) * Math.Sin(v)).Sum();

    private static double[] Gradient(double[] x) => x.Select((v, i) => (i + 1) * Math.Cos(v)).ToArray();

    private static double NotFinite(double[] x) => Math.Log(x[3]);   // x[3] = 0: −∞

    [Fact]
    public void A_function_that_is_not_finite_at_the_point_is_refused_by_every_check_with_one_type()
    {
        Assert.Throws<NotFiniteAtPointException>(() => GradientCheck.Run(NotFinite, Gradient, Point));
        Assert.Throws<NotFiniteAtPointException>(() => GradientCheck.Run(NotFinite, Gradient, Point, new GradientCheckOptions { Mode = CheckMode.Fast }));
        Assert.Throws<NotFiniteAtPointException>(() => TaylorTest.Run(NotFinite, Gradient, Point));
        Assert.Throws<NotFiniteAtPointException>(() => DescentCheck.Run(NotFinite, Gradient, Point));
        var problem = new VectorProblem(2, 3, seed: 40);
        var thrown = Assert.Throws<NotFiniteAtPointException>(() =>
            JacobianCheck.Run(x => [.. problem.F(x), double.NaN], x => problem.Jacobian(x), problem.Point));
        Assert.Contains("f(point)[2] = NaN", thrown.Message);
        Assert.Throws<NotFiniteAtPointException>(() =>
            HessianCheck.Run(x => [.. Gradient(x).Take(4), double.PositiveInfinity], (_, v) => v, Point));
        Assert.IsAssignableFrom<GradientCheckException>(thrown);
    }

    [Fact]
    public void A_function_that_writes_into_the_point_is_refused_as_a_modified_point_and_the_point_is_restored()
    {
        var point = (double[])Point.Clone();
        Assert.Throws<PointModifiedException>(() => GradientCheck.Run(x => { double v = F(x); x[1] += 1; return v; }, Gradient, point));
        Assert.Equal(Point, point);

        var problem = new VectorProblem(2, 3, seed: 41);
        var jacobianPoint = (double[])problem.Point.Clone();
        Assert.Throws<PointModifiedException>(() => JacobianCheck.Run(x => { var y = problem.F(x); x[0] = 5; return y; }, problem.Jacobian, jacobianPoint));
        Assert.Equal(problem.Point, jacobianPoint);
    }

    [Fact]
    public void RunNearby_skips_only_points_where_f_is_not_finite_and_does_not_swallow_a_modified_point()
    {
        // Writes into its input only away from the given point, where every coordinate has moved (a check at the point
        // moves one coordinate at a time, or all by a few ulps to measure noise).
        static bool Away(double[] x) => Math.Abs(x[1] - Point[1]) > 1e-6 && Math.Abs(x[2] - Point[2]) > 1e-6;
        double ModifiesNearby(double[] x)
        {
            double value = F(x);
            if (Away(x)) x[0] = 42;
            return value;
        }

        Assert.True(GradientCheck.Run(ModifiesNearby, Gradient, (double[])Point.Clone()).Passed);
        Assert.Throws<PointModifiedException>(() => GradientCheck.RunNearby(ModifiesNearby, Gradient, (double[])Point.Clone(), nearbyPoints: 2));

        // Not finite away from the point: those points are skipped and said so.
        double FiniteOnlyAtThePoint(double[] x) => Away(x) ? double.NaN : F(x);
        var report = GradientCheck.RunNearby(FiniteOnlyAtThePoint, Gradient, (double[])Point.Clone(), nearbyPoints: 2);
        Assert.Equal(2, report.Warnings.Count(w => w.Contains("was skipped", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_exception_from_the_users_code_is_wrapped_once_naming_the_callback_and_the_perturbed_coordinate()
    {
        var thrown = Assert.Throws<FunctionEvaluationException>(() =>
            GradientCheck.Run(x => Math.Abs(x[2] - Point[2]) > 1e-6 ? throw new InvalidOperationException("boom") : F(x), Gradient, (double[])Point.Clone()));
        Assert.Equal(2, thrown.Coordinate);
        Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.StartsWith("The function threw InvalidOperationException while x[2] was perturbed from 1.2", thrown.Message);
        Assert.EndsWith(": boom", thrown.Message);

        var fromGradient = Assert.Throws<FunctionEvaluationException>(() =>
            TaylorTest.Run(F, _ => throw new ArgumentException("bad shape"), Point));
        Assert.Null(fromGradient.Coordinate);
        Assert.Equal("The gradient threw ArgumentException at the unperturbed point: bad shape", fromGradient.Message);
    }

    [Fact]
    public void An_exception_the_model_throws_is_wrapped_and_names_the_model()
    {
        var model = new LinearTestModel<double>(2, 3, seed: 6);
        var thrown = Assert.Throws<FunctionEvaluationException>(() => ModelCheck.Run(new ThrowingModel(model)));
        Assert.StartsWith("The model's", thrown.Message);
        Assert.IsType<NotSupportedException>(thrown.InnerException);
    }

    /// <summary>f with a deterministic jitter of 1e-13 between calls, as parallel reductions give.</summary>
    private sealed class Jittery
    {
        private int _calls;

        public double F(double[] x) => TypedExceptionTests.F(x) + (_calls++ % 2 == 0 ? 0 : 1e-13);
    }

    [Fact]
    public void The_Taylor_test_honours_the_nondeterminism_tolerance()
    {
        var refused = Assert.Throws<NonDeterministicFunctionException>(() => TaylorTest.Run(new Jittery().F, Gradient, Point));
        // The advice names the setting every options record has, not the gradient check's record.
        Assert.Contains("set NondeterminismTolerance to that noise in this check's options", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("GradientCheckOptions.NondeterminismTolerance", refused.Message, StringComparison.Ordinal);
        var report = TaylorTest.Run(new Jittery().F, Gradient, Point, new TaylorTestOptions { NondeterminismTolerance = 1e-12 });
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void The_descent_check_honours_the_nondeterminism_tolerance()
    {
        Assert.Throws<NonDeterministicFunctionException>(() => DescentCheck.Run(new Jittery().F, Gradient, Point));
        var report = DescentCheck.Run(new Jittery().F, Gradient, Point, new DescentCheckOptions { NondeterminismTolerance = 1e-12 });
        Assert.True(report.Passed, report.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => DescentCheck.Run(F, Gradient, Point, new DescentCheckOptions { NondeterminismTolerance = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(F, Gradient, Point, new TaylorTestOptions { NondeterminismTolerance = double.NaN }));
    }

    [Fact]
    public void A_Hessian_check_reports_its_unresolved_entries_without_advice_that_does_not_apply()
    {
        // ∇f = 1e14 + x³ per coordinate: the constant drowns H·v = 3x²·v in the gradient's rounding.
        var report = HessianCheck.Run(x => x.Select(v => 1e14 + v * v * v).ToArray(), (x, v) => x.Select((xi, i) => 3 * xi * xi * v[i]).ToArray(), [0.3, -0.8, 1.2]);

        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        var warning = Assert.Single(report.Warnings, w => w.Contains("could not be resolved", StringComparison.Ordinal));
        Assert.DoesNotContain("RunExact", warning);
        Assert.DoesNotContain("NaN", warning);
    }

    private sealed class ThrowingModel(IDifferentiableModel<double> inner) : IDifferentiableModel<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public double Loss() => inner.Loss();

        public void Backward() => throw new NotSupportedException("no backward");
    }
}
