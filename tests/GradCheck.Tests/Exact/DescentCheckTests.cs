using GradCheck.Tests.Support;

namespace GradCheck.Tests.Exact;

/// <summary>The descent check against exact gradients, and the wrong gradients the seed's "loss went down" lets through.</summary>
public class DescentCheckTests
{
    public static TheoryData<int> CorrectProblems() => new(Enumerable.Range(0, TestProblems.Correct().Count()));

    [Theory]
    [MemberData(nameof(CorrectProblems))]
    public void Correct_gradients_pass(int problemIndex)
    {
        var problem = TestProblems.Correct().ElementAt(problemIndex);
        var report = DescentCheck.Run(problem.F, problem.Gradient, problem.Point);

        Assert.True(report.Passed, $"{problem}\n{report}");
        Assert.True(report.LossDecreased);
        // A 1e10 offset leaves only a few digits of each loss change.
        double resolution = problem.Name.Contains("1e10") ? 1e-3 : 1e-6;
        Assert.InRange(report.LimitRatio, 1 - resolution, 1 + resolution);
    }

    /// <summary>The seed's method: one step with a small learning rate, pass when the loss went down.</summary>
    private static bool SeedLossWentDown(Func<double[], double> f, Func<double[], double[]> g, double[] x)
    {
        var step = g(x);
        return f(x.Select((v, i) => v - 1e-3 * step[i]).ToArray()) < f(x);
    }

    [Fact]
    public void Half_the_gradient_passes_the_seeds_check_but_not_the_descent_check()
    {
        var problem = TestProblems.TanhNetwork(3, 4, 5, 51);
        Func<double[], double[]> half = x => problem.Gradient(x).Select(v => 0.5 * v).ToArray();

        Assert.True(SeedLossWentDown(problem.F, half, problem.Point));
        var report = DescentCheck.Run(problem.F, half, problem.Point);
        Assert.True(report.LossDecreased, report.ToString());
        Assert.False(report.Passed, report.ToString());
        // r(0) = ∇f·g/|g|² = 2 exactly for g = ∇f/2.
        Assert.InRange(report.LimitRatio, 2 - 1e-6, 2 + 1e-6);
        Assert.Throws<DescentCheckFailedException>(report.ThrowIfFailed);
    }

    [Fact]
    public void One_small_entry_with_the_wrong_sign_passes_the_seeds_check_but_not_the_descent_check()
    {
        var problem = TestProblems.Logistic(6, 10, 52);
        var exact = problem.Gradient(problem.Point);
        int smallest = Enumerable.Range(0, exact.Length).MinBy(i => Math.Abs(exact[i]));
        Func<double[], double[]> flipped = x =>
        {
            var g = problem.Gradient(x);
            g[smallest] = -g[smallest];
            return g;
        };

        Assert.True(SeedLossWentDown(problem.F, flipped, problem.Point));
        var report = DescentCheck.Run(problem.F, flipped, problem.Point);
        Assert.False(report.Passed, report.ToString());
        // r(0) = ∇f·g/|g|² = 1 − 2·∇f_j²/|∇f|² for ∇f_j flipped.
        double expected = 1 - 2 * exact[smallest] * exact[smallest] / exact.Sum(v => v * v);
        Assert.InRange(report.LimitRatio, expected - 1e-7, expected + 1e-7);
    }

    [Fact]
    public void The_opposite_gradient_does_not_decrease_the_loss()
    {
        var problem = TestProblems.Rosenbrock(4, 53);
        var report = DescentCheck.Run(problem.F, x => problem.Gradient(x).Select(v => -v).ToArray(), problem.Point);

        Assert.False(report.LossDecreased, report.ToString());
        Assert.False(report.Passed);
        Assert.InRange(report.LimitRatio, -1 - 1e-6, -1 + 1e-6);
    }

    [Fact]
    public void The_ratio_deviates_from_one_in_proportion_to_the_step()
    {
        // f = ½ Σ aᵢxᵢ²: f(x − ηg) − f(x) = −η|g|² + ½η² Σ aᵢgᵢ², so actual/predicted = 1 − η Σ aᵢgᵢ² / (2|g|²) exactly.
        double[] a = [1, 3, 0.5];
        double F(double[] x) => 0.5 * x.Select((v, i) => a[i] * v * v).Sum();
        double[] G(double[] x) => x.Select((v, i) => a[i] * v).ToArray();
        double[] point = [1.5, -0.5, 2];
        var g = G(point);
        double slope = g.Select((v, i) => a[i] * v * v).Sum() / (2 * g.Sum(v => v * v));

        var report = DescentCheck.Run(F, G, point);

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.Rows.Count >= 3);
        foreach (var row in report.Rows.Where(r => r.RatioNoise < 1e-6))
            Assert.Equal(1 - slope * row.StepSize, row.Ratio, 1e-6);
        Assert.Contains("η", report.ToString());
        Assert.Contains("predicted", report.ToString());
    }

    [Fact]
    public void Float_gradients_pass_and_a_scaled_one_fails()
    {
        foreach (var problem in FloatProblems.Correct())
        {
            var report = DescentCheck.Run(problem.F, problem.Gradient, problem.Point);
            Assert.True(report.Passed, $"{problem}\n{report}");

            var wrong = DescentCheck.Run(problem.F, x => problem.Gradient(x).Select(v => 0.9f * v).ToArray(), problem.Point);
            Assert.False(wrong.Passed, $"{problem}\n{wrong}");
        }
    }

    [Fact]
    public void A_zero_gradient_is_inconclusive_not_a_pass()
    {
        var problem = TestProblems.Quadratic(3, 54);
        var report = DescentCheck.Run(problem.F, x => new double[x.Length], problem.Point);

        Assert.False(report.Passed);
        Assert.Contains("inconclusive", report.Conclusion);
    }

    [Fact]
    public void The_point_is_bit_identical_afterwards_and_every_call_is_counted()
    {
        var problem = TestProblems.SoftmaxCrossEntropy(3, 4, 6, 55);
        var point = problem.Point;
        var before = point.Select(BitConverter.DoubleToInt64Bits).ToArray();
        int calls = 0;
        var report = DescentCheck.Run(x => { calls++; return problem.F(x); }, problem.Gradient, point);

        Assert.Equal(before, point.Select(BitConverter.DoubleToInt64Bits).ToArray());
        Assert.Equal(calls, report.FunctionEvaluations);
        Assert.InRange(calls, 6, 2 + 2 * 4 + 8 + 48);
    }

    [Fact]
    public void An_error_orthogonal_to_g_is_invisible_to_the_descent_check_but_not_to_the_Taylor_test()
    {
        // f = ½|x|² at x = (1, 0): ∇f = (1, 0). g = (0.5, 0.5) is wrong, but ∇f·g = |g|², so the ratio is exactly 1.
        static double F(double[] x) => 0.5 * (x[0] * x[0] + x[1] * x[1]);
        static double[] Wrong(double[] _) => [0.5, 0.5];
        double[] point = [1, 0];

        var descent = DescentCheck.Run(F, Wrong, point);
        var taylor = TaylorTest.Run(F, Wrong, point);

        Assert.True(descent.Passed, descent.ToString());
        Assert.False(taylor.Passed, taylor.ToString());
    }
}
