namespace GradCheck.Tests.RealShapes;

/// <summary>The value-and-gradient and span-based overloads of GradientCheck.Run, against exact derivatives.</summary>
public class CallbackShapeTests
{
    // f(x) = x₀²·x₁ + sin(x₂): ∇f = (2x₀x₁, x₀², cos x₂).
    private static double F(ReadOnlySpan<double> x) => x[0] * x[0] * x[1] + Math.Sin(x[2]);
    private static double[] Exact(double[] x) => [2 * x[0] * x[1], x[0] * x[0], Math.Cos(x[2])];

    [Fact]
    public void A_value_and_gradient_callback_passes_when_right_and_fails_when_wrong()
    {
        double[] point = [0.7, -1.3, 0.4];
        var before = AccessorParameterTests.Bits(point);

        var right = GradientCheck.Run(x => (F(x), Exact(x)), point);
        var wrong = GradientCheck.Run(x => (F(x), new[] { 2 * x[0] * x[1], x[0] * x[0], -Math.Cos(x[2]) }), point);

        Assert.True(right.Passed, right.ToString());
        Assert.All(right.Entries, e => Assert.Equal(Exact(point)[e.Index], e.Numeric, 1e-9));
        Assert.False(wrong.Passed);
        Assert.Equal("x[2]", Assert.Single(wrong.Failures).Name);
        Assert.Equal(before, AccessorParameterTests.Bits(point));
    }

    [Fact]
    public void The_value_and_gradient_callback_works_in_float()
    {
        var report = GradientCheck.Run(x => (x[0] * x[0] * x[1], new[] { 2 * x[0] * x[1], x[0] * x[0] }), new[] { 0.7f, -1.3f });
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("float", report.ElementType);
    }

    [Fact]
    public void Span_callbacks_pass_when_right_and_fail_when_wrong()
    {
        double[] point = [0.7, -1.3, 0.4];

        var right = GradientCheck.Run(F, (x, g) => { g[0] = 2 * x[0] * x[1]; g[1] = x[0] * x[0]; g[2] = Math.Cos(x[2]); }, point);
        var wrong = GradientCheck.Run(F, (x, g) => { g[0] = x[0] * x[1]; g[1] = x[0] * x[0]; g[2] = Math.Cos(x[2]); }, point);

        Assert.True(right.Passed, right.ToString());
        Assert.All(right.Entries, e => Assert.Equal(Exact(point)[e.Index], e.Numeric, 1e-9));
        Assert.Equal("x[0]", Assert.Single(wrong.Failures).Name);
    }

    [Fact]
    public void A_span_gradient_that_forgets_an_entry_fails_there_instead_of_reading_as_zero()
    {
        // ∂f/∂x₁ = x₀² is never written: a reused zeroed buffer would hide it only where x₀ = 0; NaN shows it everywhere.
        var report = GradientCheck.Run(F, (x, g) => { g[0] = 2 * x[0] * x[1]; g[2] = Math.Cos(x[2]); }, [0.7, -1.3, 0.4]);

        var failure = Assert.Single(report.Failures);
        Assert.Equal("x[1]", failure.Name);
        Assert.True(double.IsNaN(failure.Analytic));
    }
}
