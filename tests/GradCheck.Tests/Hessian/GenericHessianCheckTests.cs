using System.Numerics;

namespace GradCheck.Tests.Hessian;

/// <summary>
/// HessianCheck in float32 and double: correct Hessian-vector products pass at several points; a wrong Hessian entry
/// fails at the component it feeds; the point is bit-identical after any outcome; cancellation stops the check.
/// </summary>
public class GenericHessianCheckTests
{
    private static SecondOrderProblem<T> Problem<T>(string name, int seed) where T : IFloatingPointIeee754<T> =>
        name == "quadratic" ? SecondOrderProblems.QuadraticForm<T>(5, seed) : SecondOrderProblems.LogCosh<T>(5, 4, seed);

    [Theory]
    [InlineData("quadratic")]
    [InlineData("logcosh")]
    public void Correct_float32_products_pass_at_several_points(string name)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            var p = Problem<float>(name, seed);
            var report = HessianCheck.Run(p.Gradient, p.Hv, p.Point);
            Assert.True(report.Passed, $"{p}, seed {seed}:\n{report}");
            Assert.Equal("float", report.ElementType);
            Assert.Equal(2 * p.N, report.Entries.Count);
        }
    }

    [Theory]
    [InlineData("quadratic")]
    [InlineData("logcosh")]
    public void Along_given_directions_the_estimates_are_the_exact_products(string name)
    {
        double[] v = [0.5, -1, 0.25, 2, -0.75];   // exact in float32 too
        foreach (var type in new[] { "float", "double" })
            for (int seed = 1; seed <= 3; seed++)
            {
                var (report, exact) = type == "float" ? Along<float>(name, seed, v) : Along<double>(name, seed, v);
                Assert.True(report.Passed, report.ToString());
                double scale = exact.Max(Math.Abs);
                for (int i = 0; i < exact.Length; i++)
                    Assert.Equal(exact[i], report.Entries[i].Numeric, scale * (type == "float" ? 1e-2 : 1e-7));
            }
    }

    private static (GradientReport, double[]) Along<T>(string name, int seed, double[] v) where T : IFloatingPointIeee754<T>
    {
        var p = Problem<T>(name, seed);
        return (HessianCheck.Run(p.Gradient, p.Hv, p.Point, new HessianCheckOptions { Directions = [v] }), p.ExactHv(v));
    }

    public static TheoryData<string, string, string> Bugs
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var type in new[] { "float", "double" })
                foreach (var name in new[] { "quadratic", "logcosh" })
                    foreach (var bug in new[] { "5%", "sign" }) data.Add(type, name, bug);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public void A_wrong_Hessian_entry_fails_at_the_component_it_feeds(string type, string name, string bug)
    {
        if (type == "float") Located<float>(name, bug);
        else Located<double>(name, bug);
    }

    private static void Located<T>(string name, string bug) where T : IFloatingPointIeee754<T>
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var correct = Problem<T>(name, seed);
            var (i, j) = correct.LargestOffDiagonal();
            var wrong = correct.Planted(bug == "5%" ? SecondOrderProblems.Scaled<T>(i, j, 0.05) : SecondOrderProblems.SignFlipped<T>(i, j));
            // Along eⱼ the bug moves component i by 5 % (or twice) of H_ij: large against H's other entries.
            var v = new double[correct.N];
            v[j] = 1;
            var report = HessianCheck.Run(wrong.Gradient, wrong.Hv, wrong.Point, new HessianCheckOptions { Directions = [v] });
            var failure = Assert.Single(report.Failures);
            Assert.Equal(i, failure.Index);
            Assert.Equal(correct.ExactEntry(i, j), failure.Numeric, Math.Abs(correct.ExactEntry(i, j)) * 1e-2);

            // Random directions: every failure is component i.
            var random = HessianCheck.Run(wrong.Gradient, wrong.Hv, wrong.Point, null);
            Assert.False(random.Passed, random.ToString());
            Assert.All(random.Failures, f => Assert.Equal(i, f.Index));
        }
    }

    [Theory]
    [InlineData("float")]
    [InlineData("double")]
    public void The_point_is_bit_identical_after_a_pass_a_failure_and_an_exception(string type)
    {
        if (type == "float") Restored<float>();
        else Restored<double>();
    }

    private static void Restored<T>() where T : IFloatingPointIeee754<T>
    {
        var p = Problem<T>("logcosh", 9);
        var before = Bits(p.Point);
        var point = p.Point;
        Assert.True(HessianCheck.Run(p.Gradient, p.Hv, point, null).Passed);
        Assert.Equal(before, Bits(point));

        var (i, j) = p.LargestOffDiagonal();
        var wrong = p.Planted(SecondOrderProblems.Scaled<T>(i, j, 0.05));
        point = p.Point;
        Assert.False(HessianCheck.Run(wrong.Gradient, wrong.Hv, point, null).Passed);
        Assert.Equal(before, Bits(point));

        // The gradient throws on its fifth call, while the point is moved along v.
        int calls = 0;
        var throwing = p.WithGradient(x => ++calls == 5 ? throw new InvalidOperationException("boom") : p.Gradient(x));
        point = p.Point;
        var thrown = Assert.Throws<FunctionEvaluationException>(() => HessianCheck.Run(throwing.Gradient, throwing.Hv, point, null));
        Assert.Contains("·v", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(before, Bits(point));

        // A product that writes into the point it is given.
        point = p.Point;
        HessianCheck.Run(p.Gradient, (x, v) => { var hv = p.Hv(x, v); x[0] = T.One + x[0]; return hv; }, point, null);
        Assert.Equal(before, Bits(point));
    }

    [Theory]
    [InlineData("float")]
    [InlineData("double")]
    public void A_cancelled_check_stops_and_restores_the_point(string type)
    {
        if (type == "float") Cancelled<float>();
        else Cancelled<double>();
    }

    private static void Cancelled<T>() where T : IFloatingPointIeee754<T>
    {
        var p = Problem<T>("quadratic", 10);
        var before = Bits(p.Point);
        var point = p.Point;
        using var source = new CancellationTokenSource();
        int calls = 0;
        var counting = p.WithGradient(x =>
        {
            if (++calls == 4) source.Cancel();
            return p.Gradient(x);
        });
        Assert.ThrowsAny<OperationCanceledException>(() => HessianCheck.Run(counting.Gradient, counting.Hv, point, null, source.Token));
        Assert.Equal(4, calls);
        Assert.Equal(before, Bits(point));
    }

    [Fact]
    public void The_double_and_float_overloads_take_null_options_and_no_options()
    {
        // f = x₀²x₁: ∇f = (2x₀x₁, x₀²), H·v = (2x₁v₀ + 2x₀v₁, 2x₀v₀).
        double[] Gd(double[] x) => [2 * x[0] * x[1], x[0] * x[0]];
        double[] Hd(double[] x, double[] v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0]];
        float[] Gf(float[] x) => [2 * x[0] * x[1], x[0] * x[0]];
        float[] Hf(float[] x, float[] v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0]];
        GradientReport[] reports =
        [
            HessianCheck.Run(Gd, Hd, [0.3, 0.7]), HessianCheck.Run(Gd, Hd, [0.3, 0.7], null), HessianCheck.Run<double>(Gd, Hd, [0.3, 0.7], null),
            HessianCheck.Run(Gf, Hf, [0.3f, 0.7f]), HessianCheck.Run(Gf, Hf, [0.3f, 0.7f], null), HessianCheck.Run<float>(Gf, Hf, [0.3f, 0.7f], null),
        ];
        Assert.All(reports, r => Assert.True(r.Passed, r.ToString()));
        Assert.Equal(["double", "double", "double", "float", "float", "float"], reports.Select(r => r.ElementType));
    }

    private static long[] Bits<T>(T[] values) where T : IFloatingPointIeee754<T> =>
        values.Select(v => BitConverter.DoubleToInt64Bits(double.CreateChecked(v))).ToArray();
}
