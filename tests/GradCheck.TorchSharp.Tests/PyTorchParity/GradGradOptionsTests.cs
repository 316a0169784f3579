using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>Item 7 of issue 14: gradgradcheck's grad_outputs (constant or requiring grad) and the seed of drawn ones.</summary>
public sealed class GradGradOptionsTests
{
    private static Tensor X() => tensor(new double[] { 0.5, -1.5, 2.0 }).requires_grad_();

    // F(x, v) = vᵀ·∂(x²)/∂x = 2·x·v, so ∂F_k/∂x_k = 2·v_k and ∂F_k/∂v_k = 2·x_k exactly.
    private static Tensor[] Square(Tensor[] t) => [t[0] * t[0]];

    [Fact]
    public void Constant_grad_outputs_are_used_as_given_and_not_checked()
    {
        using var scope = NewDisposeScope();
        var v = tensor(new double[] { 1.0, -2.0, 0.25 });
        var report = TorchGradCheck.GradGradCheck(Square, [X()], [v], null);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["input 0"], report.Inputs.Select(i => i.Name));
        var diagonal = report.Entries.Where(e => e.Label.StartsWith("input 0 [", StringComparison.Ordinal) && e.Label[9] == e.Label[^2]).ToArray();
        Assert.Equal(new[] { 2.0, -4.0, 0.5 }, diagonal.Select(e => e.Analytic));
    }

    [Fact]
    public void Grad_outputs_that_require_grad_are_checked_like_inputs()
    {
        using var scope = NewDisposeScope();
        var v = tensor(new double[] { 1.0, -2.0, 0.25 }).requires_grad_();
        var report = TorchGradCheck.GradGradCheck(Square, [X()], [v], null);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["input 0", "grad_output 0"], report.Inputs.Select(i => i.Name));
        Assert.Equal(-3.0, report.Entries.Single(e => e.Label == "grad_output 0 [1] w.r.t. output 0 [1]").Analytic);
    }

    [Fact]
    public void Grad_outputs_of_the_wrong_shape_or_count_are_refused_before_libtorch_sees_them()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => TorchGradCheck.GradGradCheck(Square, [X()], [ones(2, dtype: float64)], null));
        Assert.Contains("grad_outputs[0] is [2] (float64); output 0 is [3] (float64)", e.Message);
        Assert.Throws<ArgumentException>(() => TorchGradCheck.GradGradCheck(Square, [X()], [], null));
    }

    [Fact]
    public void Drawn_grad_outputs_follow_the_seed()
    {
        using var scope = NewDisposeScope();
        double[] Drawn(int seed) => TorchGradCheck.GradGradCheck(t => t[0] * t[0], [X()], new TorchCheckOptions { Check = new GradientCheckOptions { Seed = seed } })
            .Entries.Where(e => e.Label is "input 0 [0] w.r.t. output 0 [0]" or "input 0 [1] w.r.t. output 0 [1]").Select(e => e.Analytic / 2).ToArray();

        Assert.Equal(Drawn(5), Drawn(5));
        Assert.NotEqual(Drawn(5), Drawn(6));
        Assert.All(Drawn(5), v => Assert.InRange(v, -1, 1));
    }
}
