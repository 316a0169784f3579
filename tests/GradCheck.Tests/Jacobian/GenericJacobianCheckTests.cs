using System.Numerics;

namespace GradCheck.Tests.Jacobian;

/// <summary>
/// JacobianCheck in float32 and double (and any IEEE type): correct maps pass with hand-derived Jacobians, products and
/// tangent products over several points; planted bugs fail at the entry they were planted in.
/// </summary>
public class GenericJacobianCheckTests
{
    public static TheoryData<string, string> MapsAndForms
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var map in new[] { "softmax", "tanh", "elementwise" })
                foreach (var form in new[] { "matrix", "vjp", "jvp" }) data.Add(map, form);
            return data;
        }
    }

    internal static SmoothMap<T> Map<T>(string name, int seed) where T : IFloatingPointIeee754<T> => name switch
    {
        "softmax" => SmoothMaps.Softmax<T>(5, seed),
        "tanh" => SmoothMaps.TanhLayer<T>(4, 6, seed),
        "tanh-square" => SmoothMaps.TanhLayer<T>(5, 5, seed),
        _ => SmoothMaps.Elementwise<T>(4, seed),
    };

    internal static JacobianReport Check<T>(string form, SmoothMap<T> map, T[] point, GradientCheckOptions? options = null, CancellationToken token = default)
        where T : IFloatingPointIeee754<T> => form switch
    {
        "matrix" => JacobianCheck.Run(map.F, map.Jacobian, point, options, token),
        "vjp" => JacobianCheck.RunVjp(map.F, map.Vjp, point, options, token),
        _ => JacobianCheck.RunJvp(map.F, map.Jvp, point, options, token),
    };

    [Theory]
    [MemberData(nameof(MapsAndForms))]
    public void Correct_float32_Jacobians_pass_at_several_points(string map, string form)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            var m = Map<float>(map, seed);
            var report = Check(form, m, m.Point);
            Assert.True(report.Passed, $"{m}, seed {seed}:\n{report}");
            Assert.Equal("float", report.ElementType);
            Assert.Equal(m.Outputs * m.Inputs, report.Entries.Count);
        }
    }

    [Theory]
    [MemberData(nameof(MapsAndForms))]
    public void Correct_double_Jacobians_pass_and_their_estimates_agree_with_the_hand_derived_entries(string map, string form)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            var m = Map<double>(map, seed);
            var report = Check(form, m, m.Point);
            Assert.True(report.Passed, $"{m}, seed {seed}:\n{report}");
            Assert.Equal("double", report.ElementType);
            for (int i = 0; i < m.Outputs; i++)
                for (int j = 0; j < m.Inputs; j++) Assert.Equal(m.Exact(i, j), report.EntryAt(i, j)!.Numeric, 1e-8);
        }
    }

    [Theory]
    [MemberData(nameof(MapsAndForms))]
    public void The_float32_estimates_are_float32_accurate_not_double_accurate(string map, string form)
    {
        var m = Map<float>(map, 5);
        var report = Check(form, m, m.Point);
        for (int i = 0; i < m.Outputs; i++)
            for (int j = 0; j < m.Inputs; j++)
            {
                var entry = report.EntryAt(i, j)!;
                // Near the exact derivative (to float32's resolution of f), and the tolerance that allowed it is float32's, not double's.
                Assert.InRange(Math.Abs(entry.Numeric - m.Exact(i, j)), 0, 1e-2);
                Assert.True(entry.Tolerance > 1e-9, $"{entry.Label}: tolerance {entry.Tolerance:G3} is at double's resolution, not float32's");
            }
    }

    public static TheoryData<string, string, string> Bugs
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var type in new[] { "float", "double" })
                foreach (var form in new[] { "matrix", "vjp", "jvp" })
                    foreach (var bug in new[] { "5%", "sign" }) data.Add(type, form, bug);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public void A_wrong_entry_fails_alone_and_is_located(string type, string form, string bug)
    {
        if (type == "float") Located<float>(form, bug);
        else Located<double>(form, bug);
    }

    private static void Located<T>(string form, string bug) where T : IFloatingPointIeee754<T>
    {
        foreach (var name in new[] { "softmax", "tanh", "elementwise" })
            for (int seed = 1; seed <= 3; seed++)
            {
                var correct = Map<T>(name, seed);
                var (i, j) = correct.LargestEntry();
                var map = correct.Planted(bug == "5%" ? JacobianBugs.Scaled<T>(i, j, 0.05) : JacobianBugs.SignFlipped<T>(i, j));
                var report = Check(form, map, map.Point);
                var failure = Assert.Single(report.Failures);
                Assert.Equal(i * map.Inputs + j, failure.Index);
                Assert.Equal($"∂y[{i}]/∂x[{j}]", failure.Label);
                Assert.Equal(bug == "5%" ? 1.05 * correct.Exact(i, j) : -correct.Exact(i, j), failure.Analytic, Math.Abs(correct.Exact(i, j)) * 1e-5);
                Assert.Equal(correct.Exact(i, j), failure.Numeric, Math.Abs(correct.Exact(i, j)) * 1e-2);
            }
    }

    [Theory]
    [InlineData("float", "matrix")]
    [InlineData("float", "vjp")]
    [InlineData("float", "jvp")]
    [InlineData("double", "matrix")]
    [InlineData("double", "vjp")]
    [InlineData("double", "jvp")]
    public void A_transposed_Jacobian_fails_at_its_asymmetric_entries(string type, string form)
    {
        if (type == "float") Transposed<float>(form);
        else Transposed<double>(form);
    }

    private static void Transposed<T>(string form) where T : IFloatingPointIeee754<T>
    {
        var correct = Map<T>("tanh-square", 7);
        var report = Check(form, correct.Planted(JacobianBugs.Transposed<T>()), correct.Point);
        int n = correct.Inputs;
        Assert.NotEmpty(report.Failures);
        foreach (var failure in report.Failures)
        {
            int i = failure.Index / n, j = failure.Index % n;
            Assert.NotEqual(i, j);                                   // the diagonal is the same in Jᵀ
            Assert.Equal(correct.Exact(j, i), failure.Analytic, 1e-5);
            Assert.Equal(correct.Exact(i, j), failure.Numeric, 1e-2);
        }
        // The most asymmetric entry is among them.
        var worst = Enumerable.Range(0, n * n).MaxBy(k => Math.Abs(correct.Exact(k / n, k % n) - correct.Exact(k % n, k / n)));
        Assert.Contains(report.Failures, f => f.Index == worst);
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("vjp")]
    [InlineData("jvp")]
    public void Fast_mode_passes_a_correct_float32_map_and_locates_a_wrong_entry(string form)
    {
        var fast = new GradientCheckOptions { Mode = CheckMode.Fast };
        var correct = SmoothMaps.TanhLayer<float>(4, 120, seed: 11);
        var passed = Check(form, correct, correct.Point, fast);
        Assert.True(passed.Passed, passed.ToString());
        Assert.Equal(CheckMode.Fast, passed.Mode);
        Assert.True(passed.Directions > 0);
        Assert.Equal("float", passed.ElementType);

        var (i, j) = correct.LargestEntry();
        var failed = Check(form, correct.Planted(JacobianBugs.Scaled<float>(i, j, 0.05)), correct.Point, fast);
        var failure = Assert.Single(failed.Failures);
        Assert.Equal(i * 120 + j, failure.Index);
        Assert.Equal(correct.Exact(i, j), failure.Numeric, Math.Abs(correct.Exact(i, j)) * 1e-2);
        // Located by bisection: far fewer evaluations than the full check's 120 columns.
        Assert.True(failed.FunctionEvaluations < Check(form, correct, correct.Point).FunctionEvaluations);
    }

    [Fact]
    public void Other_IEEE_types_run_too()
    {
        var map = SmoothMaps.Elementwise<Half>(3, seed: 2);
        var report = JacobianCheck.Run(map.F, map.Jacobian, map.Point, null);
        Assert.Equal("Half", report.ElementType);
        Assert.Equal(9, report.Entries.Count);
        Assert.NotEqual(CheckOutcome.Failed, report.Outcome);
    }
}
