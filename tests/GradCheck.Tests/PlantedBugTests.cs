using GradCheck.Tests.Support;

namespace GradCheck.Tests;

/// <summary>Every planted bug is caught and located at exactly its entries.</summary>
public class PlantedBugTests
{
    private static readonly Problem[] Problems =
    [
        TestProblems.TanhNetwork(3, 4, 5, 31),
        TestProblems.SoftmaxCrossEntropy(3, 4, 6, 32),
        TestProblems.Logistic(6, 10, 33),
        TestProblems.Rosenbrock(6, 34),
        TestProblems.Quadratic(7, 35),
    ];

    public static TheoryData<int, double> RelativeErrors() => new()
    {
        { 0, 1e-2 }, { 1, 1e-2 }, { 2, 1e-4 }, { 3, 1e-4 }, { 4, 1e-4 },
    };

    [Theory]
    [MemberData(nameof(RelativeErrors))]
    public void One_entry_off_by_a_small_relative_error_is_located(int problemIndex, double relativeError)
    {
        var problem = Problems[problemIndex];
        int n = problem.Point.Length;
        for (int bad = 0; bad < n; bad++)
        {
            int index = bad;
            var report = GradientCheck.Run(problem.F, x => Perturb(problem.Gradient(x), index, g => g * (1 + relativeError)), problem.Point);

            if (problem.Gradient(problem.Point)[index] == 0) continue;
            Assert.False(report.Passed, $"{problem}: x[{index}] off by {relativeError:P2} passed\n{report}");
            Assert.Equal([index], report.Failures.Select(f => f.Index));
        }
    }

    [Fact]
    public void Ten_thousandth_error_is_caught_in_at_least_nine_of_ten_entries_of_each_problem()
    {
        foreach (var problem in Problems)
        {
            int n = problem.Point.Length, caught = 0;
            for (int index = 0; index < n; index++)
            {
                int i = index;
                var report = GradientCheck.Run(problem.F, x => Perturb(problem.Gradient(x), i, g => g * 1.0001), problem.Point);
                if (report.Failures.Select(f => f.Index).SequenceEqual([i])) caught++;
            }
            Assert.True(caught >= 0.9 * n, $"{problem}: caught {caught} of {n}");
        }
    }

    [Fact]
    public void Sign_flip_swap_factor_two_and_dropped_regularisation_are_located()
    {
        var problem = TestProblems.TanhNetwork(3, 3, 5, 41);
        var g0 = problem.Gradient(problem.Point);

        AssertLocated(problem, g => Perturb(g, 2, v => -v), [2]);
        int a = 0, b = 4;
        Assert.NotEqual(g0[a], g0[b]);
        AssertLocated(problem, g => { (g[a], g[b]) = (g[b], g[a]); return g; }, [a, b]);
        AssertLocated(problem, g => g.Select(v => 2 * v).ToArray(), Enumerable.Range(0, g0.Length).Where(i => g0[i] != 0).ToArray());

        // f + λ/2·|x|² with the λx term forgotten in the gradient: every entry with x ≠ 0 is wrong.
        const double lambda = 0.01;
        var regularised = problem with
        {
            F = x => problem.F(x) + 0.5 * lambda * x.Sum(v => v * v),
            Gradient = problem.Gradient,
        };
        var report = GradientCheck.Run(regularised.F, regularised.Gradient, regularised.Point);
        Assert.Equal(Enumerable.Range(0, g0.Length), report.Failures.Select(f => f.Index).Order());
    }

    [Fact]
    public void Stale_gradient_from_a_nearby_point_is_caught()
    {
        var problem = TestProblems.SoftmaxCrossEntropy(3, 3, 6, 42);
        // A different shift per coordinate: a uniform shift of all weights leaves softmax unchanged.
        var shift = TestProblems.RandomVector(new Random(5), problem.Point.Length);
        var report = GradientCheck.Run(problem.F, x => problem.Gradient(x.Select((v, i) => v + 1e-3 * shift[i]).ToArray()), problem.Point);

        Assert.False(report.Passed);
        Assert.True(report.Failures.Count >= problem.Point.Length / 2, report.ToString());
    }

    [Fact]
    public void Float_five_percent_errors_and_sign_flips_are_located()
    {
        foreach (var problem in FloatProblems.Correct())
        {
            int n = problem.Point.Length;
            for (int index = 0; index < n; index++)
            {
                int i = index;
                var exact = problem.Gradient(problem.Point);
                float scale = exact.Max(MathF.Abs);
                var scaled = GradientCheck.Run(problem.F, x => { var g = problem.Gradient(x); g[i] *= 1.05f; return g; }, problem.Point);
                var flipped = GradientCheck.Run(problem.F, x => { var g = problem.Gradient(x); g[i] = -g[i]; return g; }, problem.Point);
                if (Math.Abs(exact[i]) < GradientCheckDefaults.ResolutionFraction * scale)
                {
                    // Below 5 % of the gradient's scale a float32 check resolves entries to a fraction of that scale, not to
                    // 5 % of themselves (the report names them as checked only coarsely): the bug may pass, but nothing
                    // else may be blamed, and a sign flip of an entry above rounding is still caught.
                    Assert.True(scaled.Failures.All(f => f.Index == i), $"{problem.Name}, 5 % at {i}: {scaled}");
                    if (Math.Abs(exact[i]) >= 1e-3f * scale) Assert.True(flipped.Failures.Select(f => f.Index).SequenceEqual([i]), $"{problem.Name}, sign flip at {i}: {flipped}");
                    continue;
                }

                Assert.True(scaled.Failures.Select(f => f.Index).SequenceEqual([i]), $"{problem.Name}, 5 % at {i}: {scaled}");
                Assert.True(flipped.Failures.Select(f => f.Index).SequenceEqual([i]), $"{problem.Name}, sign flip at {i}: {flipped}");
            }
        }
    }

    [Fact]
    public void Small_bug_in_a_tiny_gradient_is_caught_where_an_absolute_tolerance_would_miss_it()
    {
        var problem = TestProblems.TinyGradient(4, 43);
        var report = GradientCheck.Run(problem.F, x => Perturb(problem.Gradient(x), 1, g => g * 1.001), problem.Point);

        Assert.Equal([1], report.Failures.Select(f => f.Index));
        // PyTorch's default rule (|a−n| ≤ 1e-5 + 1e-3·|n|) would accept the whole gradient, even a zero one.
        Assert.True(report.Failures[0].AbsoluteError < 1e-5);
    }

    private static void AssertLocated(Problem problem, Func<double[], double[]> corrupt, int[] expected)
    {
        var report = GradientCheck.Run(problem.F, x => corrupt(problem.Gradient(x)), problem.Point);
        Assert.Equal(expected.Order(), report.Failures.Select(f => f.Index).Order());
    }

    private static double[] Perturb(double[] g, int index, Func<double, double> change)
    {
        g[index] = change(g[index]);
        return g;
    }
}
