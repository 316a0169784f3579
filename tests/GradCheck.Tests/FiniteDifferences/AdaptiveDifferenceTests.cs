using GradCheck.FiniteDifferences;

namespace GradCheck.Tests.FiniteDifferences;

/// <summary>The adaptive estimator against exact derivatives, including the cases that break fixed steps.</summary>
public class AdaptiveDifferenceTests
{
    public static TheoryData<string, double, double, double> Smooth() => new()
    {
        { "exp", 0.3, Math.Exp(0.3), 1e-6 },
        { "sin", 1.0, Math.Cos(1.0), 1e-6 },
        { "sin(1000x)", 0.1, 1000 * Math.Cos(100), 1e-6 },
        { "exp(100x)", 0.0, 100, 1e-6 },
        { "log near edge", 1e-4, 1e4, 1e-6 },
        { "sqrt near edge", 1e-4, 0.5 / Math.Sqrt(1e-4), 1e-6 },
        { "1/x", 1e-3, -1e6, 1e-5 },
        { "tanh", 3.0, 1 - Math.Tanh(3) * Math.Tanh(3), 1e-6 },
        { "softplus at 1000", 1000.5, 1 / (1 + Math.Exp(-0.5 + 0)), 1e-6 },
        { "x^3 at 1e8", 1e8, 3e16, 1e-6 },
        { "sin(x/1e6)", 1e6, Math.Cos(1) / 1e6, 1e-6 },
        { "1e-8 sin", 1.0, 1e-8 * Math.Cos(1.0), 1e-6 },
    };

    private static Func<double, double> Function(string name) => name switch
    {
        "exp" => Math.Exp,
        "sin" => Math.Sin,
        "sin(1000x)" => x => Math.Sin(1000 * x),
        "exp(100x)" => x => Math.Exp(100 * x),
        "log near edge" => Math.Log,
        "sqrt near edge" => Math.Sqrt,
        "1/x" => x => 1 / x,
        "tanh" => Math.Tanh,
        "softplus at 1000" => x => Math.Max(x, 1000) + Math.Log(Math.Exp(x - Math.Max(x, 1000)) + Math.Exp(1000 - Math.Max(x, 1000))),
        "x^3 at 1e8" => x => x * x * x,
        "sin(x/1e6)" => x => Math.Sin(x / 1e6),
        "1e-8 sin" => x => 1e-8 * Math.Sin(x),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Estimate_is_accurate_and_its_error_estimate_covers_the_true_error(string name, double x, double exact, double accuracy)
    {
        var estimate = AdaptiveDifference.Default.Estimate(Function(name), x);
        double trueError = Math.Abs(estimate.Value - exact);

        Assert.False(estimate.IsKink, $"{name}: {estimate}");
        // Next to a pole (1/x at 1e-3) the extrapolation has fewer digits to work with.
        Assert.True(trueError <= accuracy * Math.Abs(exact), $"{name}: {estimate} vs exact {exact:G17}");
        Assert.True(trueError <= 10 * estimate.ErrorEstimate + 1e-300, $"{name}: true error {trueError:G3} vs estimate {estimate.ErrorEstimate:G3}");
    }

    [Fact]
    public void Error_estimates_are_calibrated_over_random_smooth_functions()
    {
        // f(x) = a·sin(b·x + c) + d·x² at random a, b, c, d, x: how often does the true error exceed the estimate?
        var random = new Random(2026);
        int exceeded = 0, exceededTenfold = 0, total = 500;
        for (int i = 0; i < total; i++)
        {
            double a = Math.Exp(random.NextDouble() * 6 - 3), b = Math.Exp(random.NextDouble() * 4 - 2), c = random.NextDouble() * 6, d = random.NextDouble() - 0.5;
            double x = random.NextDouble() * 4 - 2;
            var estimate = AdaptiveDifference.Default.Estimate(t => a * Math.Sin(b * t + c) + d * t * t, x);
            double trueError = Math.Abs(estimate.Value - (a * b * Math.Cos(b * x + c) + 2 * d * x));
            if (trueError > estimate.ErrorEstimate) exceeded++;
            if (trueError > 10 * estimate.ErrorEstimate) exceededTenfold++;
            Assert.False(estimate.IsKink);
        }
        Assert.True(exceeded <= total / 20, $"true error above the estimate in {exceeded} of {total}");
        Assert.Equal(0, exceededTenfold);
    }

    [Fact]
    public void Kink_gives_both_one_sided_derivatives()
    {
        var relu = AdaptiveDifference.Default.Estimate(x => Math.Max(x, 0), 0);
        Assert.True(relu.IsKink);
        Assert.Equal(0, relu.LeftDerivative!.Value, 12);
        Assert.Equal(1, relu.RightDerivative!.Value, 12);

        var abs = AdaptiveDifference.Default.Estimate(Math.Abs, 0);
        Assert.Equal(-1, abs.LeftDerivative!.Value, 12);
        Assert.Equal(1, abs.RightDerivative!.Value, 12);
    }

    [Fact]
    public void Step_shrinks_when_the_far_side_is_outside_the_domain()
    {
        var estimate = AdaptiveDifference.Default.Estimate(Math.Log, 1e-4);
        Assert.True(estimate.Step < 1e-4, estimate.ToString());
        Assert.Equal(1e4, estimate.Value, 6);
    }

    [Fact]
    public void One_sided_difference_is_used_at_the_domain_edge()
    {
        // f(x) = x·sqrt(x) + x is defined only for x ≥ 0; at 0 its right derivative is 1.
        var estimate = AdaptiveDifference.Default.Estimate(x => x * Math.Sqrt(x) + x, 0);
        Assert.Equal(1, estimate.Side);
        Assert.Equal(1, estimate.Value, 2);
    }

    [Fact]
    public void Exceptions_from_the_function_are_not_swallowed()
    {
        Assert.Throws<InvalidOperationException>(() => AdaptiveDifference.Default.Estimate(x => x > 1.01 ? throw new InvalidOperationException() : x, 1.0));
    }

    [Fact]
    public void Smooth_functions_cost_at_most_16_evaluations()
    {
        foreach (var (f, x) in new (Func<double, double>, double)[] { (Math.Exp, 0.3), (Math.Sin, 1), (Math.Tanh, 0.5), (t => t * t * t, 2) })
            Assert.InRange(AdaptiveDifference.Default.Estimate(f, x).Evaluations, 6, 16);
    }

    [Fact]
    public void ToString_describes_the_method()
    {
        Assert.Contains("Richardson", AdaptiveDifference.Default.ToString());
        Assert.Contains("±", AdaptiveDifference.Default.Estimate(Math.Exp, 0).ToString());
    }
}
