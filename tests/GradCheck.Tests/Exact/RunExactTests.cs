using System.Numerics;

namespace GradCheck.Tests.Exact;

/// <summary>GradientCheck.RunExact: hand-derived gradients against dual-number derivatives at rounding-level tolerance.</summary>
public class RunExactTests
{
    public static readonly GenericProblem[] Problems =
    [
        new GenericLogistic(5, 12, 71),
        new GenericTanhNetwork(3, 4, 6, 72),
        new GenericRosenbrock(6, 73),
        new GenericTinyUnderOffset(5, 74),
    ];

    public static TheoryData<int> Indices() => new(Enumerable.Range(0, Problems.Length));

    [Theory]
    [MemberData(nameof(Indices))]
    public void Correct_gradients_pass_with_one_evaluation_per_entry(int problem)
    {
        var p = Problems[problem];
        var report = GradientCheck.RunExact(p, p.Gradient, p.Point);

        Assert.True(report.Passed, $"{p}\n{report}");
        Assert.Equal(p.Point.Length, report.FunctionEvaluations);
        var exact = p.Gradient(p.Point);
        foreach (var e in report.Entries)
            Assert.True(Math.Abs(e.Numeric - exact[e.Index]) <= 1e-13 * exact.Max(Math.Abs), $"{p} {e.Label}: {e.Numeric} vs {exact[e.Index]}");
        Assert.All(report.Entries, e => Assert.True(e.Tolerance <= 1e-12 * exact.Max(Math.Abs)));
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void A_relative_error_of_1e_minus_10_in_one_entry_is_located(int problem)
    {
        var p = Problems[problem];
        var exact = p.Gradient(p.Point);
        int bad = Enumerable.Range(0, exact.Length).MaxBy(i => Math.Abs(exact[i]));
        var report = GradientCheck.RunExact(p, x =>
        {
            var g = p.Gradient(x);
            g[bad] *= 1 + 1e-10;
            return g;
        }, p.Point);

        Assert.False(report.Passed, report.ToString());
        Assert.Equal([bad], report.Failures.Select(f => f.Index));
    }

    [Fact]
    public void Under_a_large_offset_finite_differences_are_blind_and_the_exact_check_is_not()
    {
        var p = new GenericTinyUnderOffset(5, 75);
        Func<double[], double[]> wrong = x =>
        {
            var g = p.Gradient(x);
            g[2] *= 1.01;
            return g;
        };

        var numeric = GradientCheck.Run(p.F, wrong, p.Point);
        var exact = GradientCheck.RunExact(p, wrong, p.Point);

        // The core check cannot resolve 1e-6 derivatives under f = 1e10: it says so instead of failing.
        Assert.True(numeric.Passed || numeric.Warnings.Any(w => w.Contains("could not be resolved")), numeric.ToString());
        Assert.False(exact.Passed, exact.ToString());
        Assert.Equal([2], exact.Failures.Select(f => f.Index));
    }

    [Fact]
    public void Float_gradients_are_checked_against_the_exact_reference_at_float_precision()
    {
        foreach (var p in Problems.Where(p => p is not GenericTinyUnderOffset))
        {
            float[] point = p.Point.Select(v => (float)v).ToArray();
            var report = GradientCheck.RunExact(p, p.Gradient, point);
            Assert.True(report.Passed, $"{p}\n{report}");
            Assert.Equal("float", report.ElementType);

            var exact = p.Gradient(point.Select(v => (double)v).ToArray());
            int bad = Enumerable.Range(0, exact.Length).MaxBy(i => Math.Abs(exact[i]));
            var wrong = GradientCheck.RunExact(p, x =>
            {
                var g = p.Gradient(x);
                g[bad] *= 1 + 1e-4f;
                return g;
            }, point);
            Assert.False(wrong.Passed, $"{p}\n{wrong}");
            Assert.Equal([bad], wrong.Failures.Select(f => f.Index));
        }
    }

    private sealed class Relu : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Max(x[0], T.Zero) + x[1] * x[1];
    }

    [Fact]
    public void At_a_kink_the_dual_derivative_is_one_sided()
    {
        // Max(x, 0) at x = 0 gives the first argument's derivative, 1 (see docs/dual-numbers.md); the subgradient 0 is then a Mismatch.
        var zero = GradientCheck.RunExact(new Relu(), x => [0.0, 2 * x[1]], [0.0, 0.5]);
        var one = GradientCheck.RunExact(new Relu(), x => [1.0, 2 * x[1]], [0.0, 0.5]);

        Assert.Equal(1.0, zero.Entries[0].Numeric);
        Assert.False(zero.Passed);
        Assert.True(one.Passed);
    }

    [Fact]
    public void Options_select_entries_and_name_them()
    {
        var p = Problems[1];
        var report = GradientCheck.RunExact(p, p.Gradient, p.Point, new GradientCheckOptions { Indices = [3, 0], EntryName = i => $"w{i}" });

        Assert.Equal([3, 0], report.Entries.Select(e => e.Index));
        Assert.Equal(["w3", "w0"], report.Entries.Select(e => e.Label));
        Assert.Equal(2, report.FunctionEvaluations);
        Assert.Contains("dual numbers", report.Method);
    }

    [Fact]
    public void The_point_is_bit_identical_even_when_the_gradient_writes_into_it()
    {
        var p = Problems[2];
        var point = (double[])p.Point.Clone();
        var before = point.Select(BitConverter.DoubleToInt64Bits).ToArray();
        var report = GradientCheck.RunExact(p, x =>
        {
            var g = p.Gradient(x);
            x[0] = 42;
            return g;
        }, point);

        Assert.Equal(before, point.Select(BitConverter.DoubleToInt64Bits).ToArray());
        Assert.True(report.Passed, report.ToString());
    }

    private sealed class Throwing : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            typeof(T) == typeof(Dual) ? throw new InvalidOperationException("no duals here") : x[0];
    }

    [Fact]
    public void An_exception_in_the_function_names_the_coordinate()
    {
        var e = Assert.Throws<FunctionEvaluationException>(() => GradientCheck.RunExact(new Throwing(), _ => [1.0], [1.0]));
        Assert.Equal(0, e.Coordinate);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }
}
