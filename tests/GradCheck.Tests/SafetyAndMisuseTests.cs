namespace GradCheck.Tests;

/// <summary>The point is restored bit-exactly, exceptions reach the caller, misuse is refused with a clear message.</summary>
public class SafetyAndMisuseTests
{
    private static double Sum2(double[] x) => x.Sum(v => v * v);

    private static double[] Grad2(double[] x) => x.Select(v => 2 * v).ToArray();

    [Fact]
    public void Point_is_bit_identical_after_a_passing_and_a_failing_check()
    {
        double[] point = [0.1, -0.0, 1e-300, 3.3333333333333335, double.Epsilon];
        var copy = (double[])point.Clone();

        GradientCheck.Run(Sum2, Grad2, point);
        AssertBitIdentical(copy, point);
        GradientCheck.Run(Sum2, x => x.Select(v => 3 * v).ToArray(), point);
        AssertBitIdentical(copy, point);
    }

    [Fact]
    public void Point_is_restored_when_the_function_throws_and_the_exception_names_the_coordinate()
    {
        double[] point = [0.5, 0.25, 0.125];
        var copy = (double[])point.Clone();
        var boom = new InvalidOperationException("boom");
        // Throws once coordinate 1 is moved by a finite-difference step (not by the tiny noise probe).
        double F(double[] x) => Math.Abs(x[1] - 0.25) > 1e-6 ? throw boom : Sum2(x);

        var thrown = Assert.Throws<FunctionEvaluationException>(() => GradientCheck.Run(F, Grad2, point));

        Assert.Same(boom, thrown.InnerException);
        Assert.Equal(1, thrown.Coordinate);
        Assert.Contains("x[1]", thrown.Message);
        Assert.Contains("boom", thrown.Message);
        AssertBitIdentical(copy, point);
    }

    [Fact]
    public void Function_that_writes_into_the_point_is_refused_and_the_point_restored()
    {
        double[] point = [0.5, 0.25];
        var copy = (double[])point.Clone();
        var thrown = Assert.Throws<PointModifiedException>(() => GradientCheck.Run(x => { double v = Sum2(x); x[0] = 99; return v; }, Grad2, point));
        Assert.Contains("modified the point", thrown.Message);
        AssertBitIdentical(copy, point);
    }

    [Fact]
    public void Float_point_is_bit_identical_after_the_check()
    {
        float[] point = [0.1f, -0.7f, 1e-30f];
        var copy = (float[])point.Clone();
        GradientCheck.Run(x => x.Sum(v => v * v), x => x.Select(v => 2 * v).ToArray(), point);
        Assert.Equal(copy.Select(BitConverter.SingleToInt32Bits), point.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Exception_from_the_gradient_reaches_the_caller()
    {
        var boom = new ArithmeticException("bad backprop");
        var thrown = Assert.Throws<FunctionEvaluationException>(() => GradientCheck.Run(Sum2, _ => throw boom, [1.0, 2.0]));
        Assert.Same(boom, thrown.InnerException);
        Assert.Null(thrown.Coordinate);
    }

    [Fact]
    public void Dropout_like_randomness_is_refused_with_advice()
    {
        var random = new Random(1);
        double F(double[] x) => x.Select(v => random.NextDouble() < 0.5 ? 0 : 2 * v * v).Sum();

        var thrown = Assert.Throws<NonDeterministicFunctionException>(() => GradientCheck.Run(F, Grad2, [1.0, 2.0, 3.0]));

        Assert.IsAssignableFrom<GradientCheckException>(thrown);
        Assert.Contains("dropout", thrown.Message);
        Assert.Contains("seed", thrown.Message);
        Assert.Contains("evaluation mode", thrown.Message);
    }

    [Fact]
    public void Nondeterminism_below_the_tolerance_is_accepted()
    {
        int call = 0;
        double F(double[] x) => Sum2(x) + (call++ % 2) * 1e-13;
        var thrown = Assert.Throws<NonDeterministicFunctionException>(() => GradientCheck.Run(F, Grad2, [1.0, 2.0]));
        Assert.NotNull(thrown);

        call = 0;
        var report = GradientCheck.Run(F, Grad2, [1.0, 2.0], new GradientCheckOptions { NondeterminismTolerance = 1e-12 });
        Assert.NotEmpty(report.Entries);
    }

    [Fact]
    public void Wrong_gradient_length_names_both_lengths()
    {
        var thrown = Assert.Throws<ArgumentException>(() => GradientCheck.Run(Sum2, _ => [1.0, 2.0], [1.0, 2.0, 3.0]));
        Assert.Contains("2 entries", thrown.Message);
        Assert.Contains("3 coordinates", thrown.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_point_names_the_index(double bad)
    {
        var thrown = Assert.Throws<ArgumentException>(() => GradientCheck.Run(Sum2, Grad2, [1.0, 2.0, bad]));
        Assert.Contains("point[2]", thrown.Message);
    }

    [Fact]
    public void Empty_point_is_refused()
    {
        var thrown = Assert.Throws<ArgumentException>(() => GradientCheck.Run(Sum2, Grad2, Array.Empty<double>()));
        Assert.Contains("empty", thrown.Message);
    }

    [Fact]
    public void Function_not_finite_at_the_point_is_refused()
    {
        var thrown = Assert.Throws<NotFiniteAtPointException>(() => GradientCheck.Run(x => Math.Log(x[0]), x => [1 / x[0]], [-1.0]));
        Assert.Contains("not finite", thrown.Message);
    }

    [Fact]
    public void Non_finite_analytic_entry_fails_at_its_index_and_the_others_are_still_checked()
    {
        var report = GradientCheck.Run(Sum2, x => [2 * x[0], double.NaN, 2 * x[2]], [1.0, 2.0, 3.0]);

        Assert.False(report.Passed);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(1, failure.Index);
        Assert.Equal(EntryVerdict.NonFinite, failure.Verdict);
        Assert.Equal(4, failure.Numeric, 8);
        Assert.Equal(EntryVerdict.Ok, report.Entries[0].Verdict);
        Assert.Equal(EntryVerdict.Ok, report.Entries[2].Verdict);
        Assert.Contains("x[1]", report.FailureMessage());
    }

    [Fact]
    public void Invalid_options_are_refused_before_the_function_is_called()
    {
        int calls = 0;
        double F(double[] x) { calls++; return Sum2(x); }
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(F, Grad2, [1.0], new GradientCheckOptions { Indices = [1] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(F, Grad2, [1.0], new GradientCheckOptions { SampleSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(F, Grad2, [1.0], new GradientCheckOptions { Scheme = GradCheck.FiniteDifferences.FiniteDifferenceScheme.Central(), Step = -1 }));
        Assert.Throws<ArgumentException>(() => GradientCheck.Run(F, Grad2, [1.0], new GradientCheckOptions { Step = 1e-3 }));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Non_reentrant_gradient_fails_the_check()
    {
        int call = 0;
        var report = GradientCheck.Run(Sum2, x => { var g = Grad2(x); g[0] += call++ * 1e-9; return g; }, [1.0, 2.0]);
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        var failure = Assert.Single(report.Failures);
        Assert.Equal((0, EntryVerdict.NotReentrant, 2.0, 2.0 + 1e-9), (failure.Index, failure.Verdict, failure.Analytic, failure.Numeric));
        Assert.Contains(report.Warnings, w => w.Contains("not reentrant") && w.Contains("x[0]"));
    }

    [Fact]
    public void Mostly_zero_point_warns_that_bugs_can_hide()
    {
        var report = GradientCheck.Run(Sum2, Grad2, [0.0, 0.0, 0.0, 1.0]);
        Assert.Contains(report.Warnings, w => w.Contains("exactly zero"));
    }

    private static void AssertBitIdentical(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
