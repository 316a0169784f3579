using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>TorchSharp's own ops and modules have correct gradients: in float64 the check must raise no false alarm.</summary>
public sealed class BuiltInOpsTests
{
    private static Tensor Leaf(params long[] shape) => randn(shape, dtype: float64).requires_grad_();

    private static void AssertPasses(TensorCheckReport report, int expectedEntries)
    {
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(expectedEntries, report.Entries.Count());
        Assert.DoesNotContain(report.Entries, e => e.IsInconclusive && Math.Abs(e.Analytic) > 1e-6);
    }

    [Fact]
    public void Linear()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(21);
        var report = TorchGradCheck.Run(t => nn.functional.linear(t[0], t[1], t[2]), [Leaf(3, 4), Leaf(2, 4), Leaf(2)]);
        AssertPasses(report, 6 * (12 + 8 + 2));
    }

    [Fact]
    public void Conv2d()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(22);
        var report = TorchGradCheck.Run(t => nn.functional.conv2d(t[0], t[1], t[2], padding: [1]),
            [Leaf(1, 2, 3, 3), Leaf(2, 2, 2, 2), Leaf(2)]);
        AssertPasses(report, 2 * 4 * 4 * (18 + 16 + 2));
    }

    [Fact]
    public void LayerNorm()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(23);
        var report = TorchGradCheck.Run(t => nn.functional.layer_norm(t[0], [4], t[1], t[2], 1e-5), [Leaf(2, 4), Leaf(4), Leaf(4)]);
        AssertPasses(report, 8 * (8 + 4 + 4));
    }

    [Fact]
    public void SoftmaxAndLogSoftmax()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(24);
        var report = TorchGradCheck.Run(t => [nn.functional.softmax(t[0], 1), nn.functional.log_softmax(t[0], 0)], [Leaf(2, 3)]);
        AssertPasses(report, 6 * 12);
    }

    [Fact]
    public void ScaledDotProductAttention()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(25);
        var report = TorchGradCheck.Run(t => nn.functional.scaled_dot_product_attention(t[0], t[1], t[2]),
            [Leaf(1, 3, 2), Leaf(1, 3, 2), Leaf(1, 3, 2)]);
        AssertPasses(report, 6 * 18);
    }

    [Fact]
    public void LstmModule()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(26);
        var lstm = nn.LSTM(2, 2, dtype: float64);
        var x = randn(3, 1, 2, dtype: float64);
        var report = TorchGradCheck.RunModule(lstm, () =>
        {
            var (output, h, c) = lstm.call(x);
            return output.pow(2).sum() + c.sum();
        });
        AssertPasses(report, 16 + 16 + 8 + 8);
        Assert.Contains(report.Inputs, i => i.Name == "weight_ih_l0");
    }

    [Fact]
    public void MultiheadAttentionModule()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(27);
        var attention = nn.MultiheadAttention(4, 2);
        attention.to(float64);
        var x = randn(3, 1, 4, dtype: float64);
        var report = TorchGradCheck.RunModule(attention, () => attention.call(x, x, x, null, false, null).Item1.tanh().sum());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.Entries.Count() >= 4 * 4 * 4);
    }

    [Fact]
    public void ReluAtZeroIsAValidSubgradientNotAFalseAlarm()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -0.5, 0.0, 0.7 }).requires_grad_();
        var report = TorchGradCheck.Run(t => nn.functional.relu(t[0]), [x]);
        Assert.True(report.Passed, report.ToString());
        var kink = Assert.Single(report.Entries, e => e.Verdict == EntryVerdict.NonDifferentiable);
        Assert.Equal("input 0 [1] w.r.t. output 0 [1]", kink.Name);
        Assert.Equal(0, kink.Analytic);
    }
}
