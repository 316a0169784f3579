using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>float32 works with float32's error budget; CheckPrecision.Float64 checks a float32 function in float64 on copies.</summary>
public sealed class PrecisionTests
{
    private static Tensor[] Float32Point()
    {
        torch.random.manual_seed(31);
        return [randn(2, 3).requires_grad_(), randn(3, 2).requires_grad_()];
    }

    private static Tensor Net(Tensor[] t) => t[0].matmul(t[1]).tanh();

    [Fact]
    public void Float32FunctionPassesInFloat32()
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(Net, Float32Point());
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("float32", report.Precision);
        Assert.All(report.Inputs, i => Assert.Equal("float32", i.Report.ElementType));
    }

    [Fact]
    public void Float32BugIsCaughtInFloat32()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0.3f, -0.7f, 1.2f }).requires_grad_();
        var report = TorchGradCheck.Run(t => PlantedFunctions.CubeWrongFactor.apply(t[0]), [x]);
        Assert.Equal(3, report.Failures.Count);
    }

    [Fact]
    public void Float64CopiesLeaveTheFloat32InputsAloneAndAreFarMoreAccurate()
    {
        using var scope = NewDisposeScope();
        var inputs = Float32Point();
        var before = inputs.Select(TorchState.Bits).ToArray();

        var asGiven = TorchGradCheck.Run(Net, inputs);
        var inFloat64 = TorchGradCheck.Run(Net, inputs, new TorchCheckOptions { Precision = CheckPrecision.Float64 });

        Assert.True(inFloat64.Passed, inFloat64.ToString());
        Assert.Equal("float64", inFloat64.Precision);
        Assert.All(inputs, t => Assert.Equal(ScalarType.Float32, t.dtype));
        Assert.Equal(before, inputs.Select(TorchState.Bits).ToArray());
        Assert.True(inFloat64.Entries.Max(e => e.Tolerance) < asGiven.Entries.Max(e => e.Tolerance) * 1e-5,
            $"float64 {inFloat64.Summary}\nfloat32 {asGiven.Summary}");
    }

    [Fact]
    public void Float64CatchesASmallBugInAFloat32Function()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0.3f, -0.7f, 1.2f }).requires_grad_();
        var report = TorchGradCheck.Run(t => PlantedFunctions.CubeSlightlyWrong.apply(t[0]), [x],
            new TorchCheckOptions { Precision = CheckPrecision.Float64 });
        Assert.Equal(3, report.Failures.Count);
        Assert.All(report.Failures, e => Assert.InRange(e.RelativeError, 4e-4, 6e-4));
    }

    [Fact]
    public void Float16InputIsCheckedInFloat64Copies()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0.5f, -1.5f }).to(float16).requires_grad_();
        var report = TorchGradCheck.Run(t => t[0].sin(), [x], new TorchCheckOptions { Precision = CheckPrecision.Float64 });
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(ScalarType.Float16, x.dtype);
    }

    [Fact]
    public void Float32ModuleIsCheckedInFloat64OnACopyAndASmallBugIsCaught()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(41);
        var net = new CubeNet(slightlyWrong: true);
        net.train();
        var x = randn(4, 3);
        var parameters = net.named_parameters().Select(p => p.parameter).ToArray();
        var before = parameters.Select(TorchState.Bits).ToArray();

        var report = TorchGradCheck.RunModuleInFloat64(net, () => new CubeNet(slightlyWrong: true), m => m.call(x.to(float64)).sum());
        var correct = TorchGradCheck.RunModuleInFloat64(net, () => new CubeNet(slightlyWrong: false), m => m.call(x.to(float64)).sum());

        Assert.Equal("float64", report.Precision);
        Assert.False(report.Passed);
        Assert.Equal(["fc.weight", "fc.bias"], report.Inputs.Where(i => !i.Passed).Select(i => i.Name));
        Assert.True(correct.Passed, correct.ToString());
        Assert.Equal(parameters, net.named_parameters().Select(p => p.parameter)); // same objects, not disposed
        Assert.All(parameters, p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.Equal(before, parameters.Select(TorchState.Bits).ToArray());
        Assert.True(net.training);
    }

    /// <summary>fc → cube (custom function, optionally 0.05 % wrong) → fc2.</summary>
    private sealed class CubeNet : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Linear fc = nn.Linear(3, 2);
        private readonly global::TorchSharp.Modules.Linear fc2 = nn.Linear(2, 1);
        private readonly bool slightlyWrong;

        public CubeNet(bool slightlyWrong) : base(nameof(CubeNet))
        {
            this.slightlyWrong = slightlyWrong;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var h = fc.call(x);
            return fc2.call(slightlyWrong ? PlantedFunctions.CubeSlightlyWrong.apply(h) : PlantedFunctions.Cube.apply(h));
        }
    }
}
