using GradCheck.Tests.Support;

namespace GradCheck.Tests.Exact;

/// <summary>The Taylor test against exact, hand-derived gradients and deliberately wrong ones.</summary>
public class TaylorTestTests
{
    public static TheoryData<int> CorrectProblems() => new(Enumerable.Range(0, TestProblems.Correct().Count()));

    [Theory]
    [MemberData(nameof(CorrectProblems))]
    public void Correct_gradients_converge_at_order_two(int problemIndex)
    {
        var problem = TestProblems.Correct().ElementAt(problemIndex);
        var report = TaylorTest.Run(problem.F, problem.Gradient, problem.Point);

        Assert.True(report.Passed, $"{problem}\n{report}");
        Assert.True(report.ObservedOrders.Count >= 2, report.ToString());
        Assert.InRange(report.ConvergenceOrder, 1.8, 3.2);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    public void A_scaled_gradient_gives_order_one(double factor)
    {
        var problem = TestProblems.TanhNetwork(3, 4, 5, 41);
        var report = TaylorTest.Run(problem.F, x => problem.Gradient(x).Select(v => v * factor).ToArray(), problem.Point);

        Assert.False(report.Passed, report.ToString());
        Assert.InRange(report.ConvergenceOrder, 0.8, 1.3);
        Assert.Throws<TaylorTestFailedException>(report.ThrowIfFailed);
    }

    [Fact]
    public void One_entry_off_by_a_ten_thousandth_fails()
    {
        var problem = TestProblems.Logistic(6, 10, 42);
        var report = TaylorTest.Run(problem.F, x =>
        {
            var g = problem.Gradient(x);
            g[3] *= 1 + 1e-4;
            return g;
        }, problem.Point);

        Assert.False(report.Passed, report.ToString());
        Assert.True(report.ObservedOrders[^1] < 1.5, report.ToString());
    }

    [Fact]
    public void Quadratic_remainder_is_exactly_second_order()
    {
        // f = Σ cᵢxᵢ² + xᵢ: the remainder is h²·Σ cᵢdᵢ² exactly, so every measured order is 2 up to rounding.
        double[] c = [1, 2, 0.5, 3];
        double F(double[] x) => x.Select((v, i) => c[i] * v * v + v).Sum();
        double[] G(double[] x) => x.Select((v, i) => 2 * c[i] * v + 1).ToArray();
        var report = TaylorTest.Run(F, G, [0.3, -1.2, 2.0, 0.7]);

        Assert.True(report.Passed, report.ToString());
        Assert.All(report.ObservedOrders, order => Assert.InRange(order, 1.97, 2.03));
        Assert.True(report.ObservedOrders.Count >= 10, report.ToString());
    }

    [Fact]
    public void Linear_function_passes_with_right_slope_and_fails_with_wrong_one()
    {
        double[] a = [1.5, -2, 0.25];
        double F(double[] x) => a[0] * x[0] + a[1] * x[1] + a[2] * x[2];

        var right = TaylorTest.Run(F, _ => (double[])a.Clone(), [1.0, 2.0, 3.0]);
        var wrong = TaylorTest.Run(F, _ => [1.5, -2, 0.26], [1.0, 2.0, 3.0]);

        Assert.True(right.Passed, right.ToString());
        Assert.False(wrong.Passed, wrong.ToString());
        Assert.InRange(wrong.ConvergenceOrder, 0.95, 1.05);
    }

    [Fact]
    public void The_direction_can_be_given_and_reaches_only_the_entries_it_touches()
    {
        var problem = TestProblems.Quadratic(5, 43);
        Func<double[], double[]> wrongLast = x =>
        {
            var g = problem.Gradient(x);
            g[4] += 0.1;
            return g;
        };
        var blind = TaylorTest.Run(problem.F, wrongLast, problem.Point, new TaylorTestOptions { Direction = [1, 0, 0, 0, 0] });
        var seeing = TaylorTest.Run(problem.F, wrongLast, problem.Point, new TaylorTestOptions { Direction = [0, 0, 0, 0, 1] });

        Assert.True(blind.Passed, blind.ToString());
        Assert.Null(blind.Seed);
        Assert.False(seeing.Passed, seeing.ToString());
    }

    [Fact]
    public void Float_gradients_are_tested_at_float_precision()
    {
        foreach (var problem in FloatProblems.Correct())
        {
            var report = TaylorTest.Run(problem.F, problem.Gradient, problem.Point);
            Assert.True(report.Passed, $"{problem}\n{report}");
            Assert.Equal("float", report.ElementType);

            var wrong = TaylorTest.Run(problem.F, x => problem.Gradient(x).Select(v => v * 1.05f).ToArray(), problem.Point);
            Assert.False(wrong.Passed, $"{problem}\n{wrong}");
        }
    }

    [Fact]
    public void The_point_is_bit_identical_afterwards_and_the_cost_is_bounded()
    {
        var problem = TestProblems.SoftmaxCrossEntropy(3, 4, 6, 44);
        var point = problem.Point;
        point[0] = -0.0;
        var before = point.Select(BitConverter.DoubleToInt64Bits).ToArray();
        int calls = 0;
        var report = TaylorTest.Run(x => { calls++; return problem.F(x); }, problem.Gradient, point);

        Assert.Equal(before, point.Select(BitConverter.DoubleToInt64Bits).ToArray());
        Assert.Equal(calls, report.FunctionEvaluations);
        Assert.InRange(report.FunctionEvaluations, 10, 2 + 2 * 4 + 8 + 60);
    }

    [Fact]
    public void Runs_are_reproducible_and_the_seed_changes_the_direction()
    {
        var problem = TestProblems.Rosenbrock(4, 45);
        var first = TaylorTest.Run(problem.F, problem.Gradient, problem.Point);
        var again = TaylorTest.Run(problem.F, problem.Gradient, problem.Point);
        var other = TaylorTest.Run(problem.F, problem.Gradient, problem.Point, new TaylorTestOptions { Seed = 7 });

        Assert.Equal(first.Direction, again.Direction);
        Assert.Equal(first.ObservedOrders, again.ObservedOrders);
        Assert.NotEqual(first.Direction, other.Direction);
    }

    [Fact]
    public void Report_prints_a_table_of_steps_remainders_and_orders()
    {
        var problem = TestProblems.Logistic(4, 6, 46);
        string text = TaylorTest.Run(problem.F, problem.Gradient, problem.Point).ToString();

        Assert.Contains("Taylor test PASSED", text);
        Assert.Contains("order", text);
        Assert.Contains("(noise)", text);
    }

    [Fact]
    public void Misuse_throws_at_once()
    {
        var problem = TestProblems.Quadratic(3, 47);
        Assert.Throws<ArgumentException>(() => TaylorTest.Run(problem.F, problem.Gradient, problem.Point, new TaylorTestOptions { Direction = [1, 2] }));
        Assert.Throws<ArgumentException>(() => TaylorTest.Run(problem.F, _ => [1.0], problem.Point));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(problem.F, problem.Gradient, problem.Point, new TaylorTestOptions { InitialStep = -1 }));
        var random = new Random(1);
        Assert.Throws<NonDeterministicFunctionException>(() => TaylorTest.Run(x => problem.F(x) + random.NextDouble() * 1e-9, problem.Gradient, problem.Point));
    }
}
