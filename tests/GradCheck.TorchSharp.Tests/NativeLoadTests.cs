using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>
/// Proves that TorchSharp's native libraries load from this project's build output with no manual step
/// (on Debian 12 thanks to eng/TorchSharpNativeFix/TorchSharpNativeFix.targets, which patches the build output)
/// and that autograd works end to end. The patcher itself is tested in eng/GradCheck.Build.Tests.
/// </summary>
public sealed class NativeLoadTests
{
    [Fact]
    public void RandnBackwardGivesTheAnalyticGradient()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(1234);
        var x = randn(new long[] { 3, 4 }, dtype: float64).requires_grad_();
        Assert.True(x.requires_grad);

        var y = (x * x).sum();
        y.backward();

        var grad = x.grad;
        Assert.NotNull(grad);
        Assert.Equal(new long[] { 3, 4 }, grad!.shape);
        var expected = (2 * x).detach();
        Assert.True(grad.allclose(expected, rtol: 1e-12, atol: 1e-12));
    }

    [Fact]
    public void CustomAutogradFunctionBackwardIsUsed()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(42);
        var x = randn(new long[] { 5 }, dtype: float64).requires_grad_();

        var y = Cube.apply(x);
        Assert.True(y.allclose(x.detach().pow(3), rtol: 1e-12, atol: 1e-12));
        y.sum().backward();

        var grad = x.grad;
        Assert.NotNull(grad);
        var expected = 3 * x.detach().pow(2);
        Assert.True(grad!.allclose(expected, rtol: 1e-12, atol: 1e-12));

        var values = grad.data<double>().ToArray();
        var inputs = x.detach().data<double>().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(3 * inputs[i] * inputs[i], values[i], 12);
        }
    }

    /// <summary>y = x^3 with a hand-written backward: dy/dx = 3x^2.</summary>
    private sealed class Cube : torch.autograd.SingleTensorFunction<Cube>
    {
        public override string Name => nameof(Cube);

        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var input = (Tensor)vars[0];
            ctx.save_for_backward([input]);
            return input.pow(3);
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output)
        {
            var input = ctx.get_saved_variables()[0];
            return [grad_output * 3 * input.pow(2)];
        }
    }
}
