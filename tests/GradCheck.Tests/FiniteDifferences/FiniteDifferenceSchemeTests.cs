using GradCheck.FiniteDifferences;

namespace GradCheck.Tests.FiniteDifferences;

public class FiniteDifferenceSchemeTests
{
    public static TheoryData<string, int> Schemes() => new()
    {
        { "forward", 1 }, { "backward", 1 }, { "central3", 2 }, { "central5", 4 }, { "forward3", 2 },
    };

    private static FiniteDifferenceScheme Make(string name) => name switch
    {
        "forward" => FiniteDifferenceScheme.Forward(),
        "backward" => FiniteDifferenceScheme.Backward(),
        "central3" => FiniteDifferenceScheme.Central(),
        "central5" => FiniteDifferenceScheme.Central(5),
        "forward3" => FiniteDifferenceScheme.Forward(3),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Scheme_is_exact_on_polynomials_up_to_its_order_and_not_beyond(string name, int order)
    {
        var scheme = Make(name);
        Assert.Equal(order, scheme.Order);
        const double x = 0.75, h = 0.5;
        for (int degree = 0; degree <= order + 1; degree++)
        {
            int d = degree;
            double exact = d == 0 ? 0 : d * Math.Pow(x, d - 1);
            var estimate = scheme.Estimate(t => Math.Pow(t, d), x, h);
            if (degree <= order) Assert.Equal(exact, estimate.Value, 12);
            else Assert.True(Math.Abs(estimate.Value - exact) > 1e-6, $"{name} should not be exact on degree {degree}");
        }
    }

    [Fact]
    public void Coefficients_are_the_textbook_ones()
    {
        Assert.Equal([-1, 0, 1], FiniteDifferenceScheme.Central().Grid);
        Assert.Equal([-0.5, 0, 0.5], FiniteDifferenceScheme.Central().Coefficients);
        Assert.Equal([1.0 / 12, -2.0 / 3, 0, 2.0 / 3, -1.0 / 12], FiniteDifferenceScheme.Central(5).Coefficients);
        Assert.Equal([-1.0, 1.0], FiniteDifferenceScheme.Forward().Coefficients);
        Assert.Equal(2, FiniteDifferenceScheme.Central().EvaluationsPerDerivative);
        Assert.Equal(4, FiniteDifferenceScheme.Central(5).EvaluationsPerDerivative);
        Assert.Equal(1, FiniteDifferenceScheme.Forward().EvaluationsPerDerivative);
    }

    [Fact]
    public void ToString_shows_grid_coefficients_and_order()
    {
        Assert.Equal("central 3-point (order 2): grid [-1, 0, 1], coefficients [-1/2, 0, 1/2]", FiniteDifferenceScheme.Central().ToString());
        Assert.Equal("central 5-point (order 4): grid [-2, -1, 0, 1, 2], coefficients [1/12, -2/3, 0, 2/3, -1/12]", FiniteDifferenceScheme.Central(5).ToString());
    }

    [Fact]
    public void Invalid_grids_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferenceScheme.Central(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferenceScheme.Forward(1));
        Assert.Throws<ArgumentException>(() => FiniteDifferenceScheme.FromGrid(1, 1));
        Assert.Throws<ArgumentException>(() => FiniteDifferenceScheme.FromGrid(3));
    }

    [Fact]
    public void Estimate_returns_the_step_and_an_error_estimate_that_covers_the_true_error()
    {
        var estimate = FiniteDifferenceScheme.Central().Estimate(Math.Exp, 1.0, 1e-2);
        Assert.Equal(1e-2, estimate.Step);
        double trueError = Math.Abs(estimate.Value - Math.E);
        Assert.InRange(trueError, 1e-6, estimate.ErrorEstimate);
        Assert.Equal(2, estimate.Evaluations);
    }
}
