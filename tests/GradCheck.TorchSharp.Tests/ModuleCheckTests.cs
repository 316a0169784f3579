using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>Modules: parameters named from named_parameters, dropout handled by eval() or by replaying the random stream.</summary>
public sealed class ModuleCheckTests
{
    private static (nn.Module<Tensor, Tensor> Net, Tensor X, Tensor Y) SmallNet(double dropout)
    {
        torch.random.manual_seed(11);
        var net = nn.Sequential(
            ("fc1", nn.Linear(3, 4, dtype: float64)),
            ("act", nn.Tanh()),
            ("drop", nn.Dropout(dropout)),
            ("fc2", nn.Linear(4, 2, dtype: float64)));
        var x = randn(5, 3, dtype: float64);
        var y = randn(5, 2, dtype: float64);
        return (net, x, y);
    }

    [Fact]
    public void ParametersAreCheckedUnderTheirNames()
    {
        using var scope = NewDisposeScope();
        var (net, x, y) = SmallNet(0.0);

        var report = TorchGradCheck.RunModule(net, () => nn.functional.mse_loss(net.call(x), y));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], report.Inputs.Select(i => i.Name));
        Assert.Contains(report.Entries, e => e.Name == "fc1.weight [3,2]"); // scalar loss: no "w.r.t. output" suffix
        Assert.Equal(12 + 4 + 8 + 2, report.Entries.Count());
    }

    [Fact]
    public void FrozenParametersAreConstantsAndNotChecked()
    {
        using var scope = NewDisposeScope();
        var (net, x, y) = SmallNet(0.0);
        var frozen = net.named_parameters().Single(p => p.name == "fc1.weight").parameter;
        frozen.requires_grad = false;

        var report = TorchGradCheck.RunModule(net, () => nn.functional.mse_loss(net.call(x), y));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["fc1.bias", "fc2.weight", "fc2.bias"], report.Inputs.Select(i => i.Name));
        Assert.Equal([1, 2, 3], report.Inputs.Select(i => i.Position));
        Assert.False(frozen.requires_grad);
    }

    [Fact]
    public void DropoutInTrainingModeIsRefusedWithAdvice()
    {
        using var scope = NewDisposeScope();
        var (net, x, y) = SmallNet(0.5);
        net.train();
        var rng = TorchState.Rng();

        var e = Assert.Throws<NonDeterministicFunctionException>(() => TorchGradCheck.RunModule(net, () => nn.functional.mse_loss(net.call(x), y)));

        Assert.Contains("ReplaySeed", e.Message);
        Assert.Contains("EvalMode", e.Message);
        Assert.True(net.training);
        Assert.Equal(rng, TorchState.Rng());
    }

    [Fact]
    public void DropoutNetworkIsCheckedInEvalModeAndItsTrainingFlagsComeBack()
    {
        using var scope = NewDisposeScope();
        var (net, x, y) = SmallNet(0.5);
        net.train();
        net.named_modules().Single(m => m.name == "act").module.eval(); // a mixed state, to see it restored exactly

        var report = TorchGradCheck.RunModule(net, () => nn.functional.mse_loss(net.call(x), y),
            new TorchCheckOptions { Randomness = RandomnessHandling.EvalMode });

        Assert.True(report.Passed, report.ToString());
        Assert.True(net.training);
        Assert.Equal([true, false, true, true], net.named_modules().Where(m => m.name != "").Select(m => m.module.training));
    }

    [Fact]
    public void DropoutNetworkInTrainingModeIsCheckedByReplayingTheRandomStream()
    {
        using var scope = NewDisposeScope();
        var (net, x, y) = SmallNet(0.5);
        net.train();
        var rng = TorchState.Rng();

        var report = TorchGradCheck.RunModule(net, () => nn.functional.mse_loss(net.call(x), y),
            new TorchCheckOptions { Randomness = RandomnessHandling.ReplaySeed });

        Assert.True(report.Passed, report.ToString());
        Assert.True(net.training);
        Assert.Equal(rng, TorchState.Rng());
        // Dropout really was active during the check: the gradients differ from the eval-mode ones.
        var eval = TorchGradCheck.RunModule(net, () => nn.functional.mse_loss(net.call(x), y),
            new TorchCheckOptions { Randomness = RandomnessHandling.EvalMode });
        Assert.NotEqual(eval.Entries.Select(e => e.Analytic), report.Entries.Select(e => e.Analytic));
    }

    [Fact]
    public void BatchNormInTrainingModeIsCheckedAndItsRunningStatisticsComeBack()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(12);
        var net = nn.Sequential(("fc", nn.Linear(3, 2, dtype: float64)), ("bn", nn.BatchNorm1d(2, dtype: float64)));
        net.train();
        var x = randn(4, 3, dtype: float64);
        net.call(x); // running statistics away from their initial values
        var buffersBefore = net.named_buffers().Select(b => (b.name, b.buffer.detach().clone())).ToArray();

        var report = TorchGradCheck.RunModule(net, () => net.call(x).pow(2).sum());

        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Inputs, i => i.Name == "bn.weight");
        foreach (var (name, before) in buffersBefore)
            Assert.True(before.eq(net.get_buffer(name)!).all().item<bool>(), $"buffer {name} changed");
    }

    [Fact]
    public void WrongHandWrittenModuleGradientIsCaughtInTheRightParameter()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(5);
        var scale = new ScaledSquare();
        var x = randn(4, dtype: float64);

        var report = TorchGradCheck.RunModule(scale, () => scale.call(x).sum());

        Assert.False(report.Passed);
        Assert.Equal(["gain"], report.Inputs.Where(i => !i.Passed).Select(i => i.Name));
        Assert.True(report.Inputs.Single(i => i.Name == "offset").Passed);
    }

    /// <summary>y = gain·x² + offset, where gain's gradient goes through a custom function that forgets a factor 2.</summary>
    private sealed class ScaledSquare : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Parameter gain = nn.Parameter(tensor(new double[] { 0.7, -1.2, 0.4, 2.0 }));
        private readonly global::TorchSharp.Modules.Parameter offset = nn.Parameter(tensor(new double[] { 0.1, 0.2, 0.3, 0.4 }));

        public ScaledSquare() : base(nameof(ScaledSquare)) => RegisterComponents();

        public override Tensor forward(Tensor x) => HalfGainGradient.apply(gain, x)[0] + offset;
    }

    /// <summary>y = g·x², backward for g returns x²/2 (wrong), for x returns 2gx (right).</summary>
    private sealed class HalfGainGradient : autograd.MultiTensorFunction<HalfGainGradient>
    {
        public override string Name => nameof(HalfGainGradient);

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (g, x) = ((Tensor)vars[0], (Tensor)vars[1]);
            ctx.save_for_backward([g, x]);
            return [g * x * x];
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var saved = ctx.get_saved_variables();
            var (g, x) = (saved[0], saved[1]);
            return [grad_outputs[0] * x * x / 2, grad_outputs[0] * 2 * g * x];
        }
    }
}
