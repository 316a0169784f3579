using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>Nothing lost, nothing leaked: inputs, .grad, grad mode, RNG state, threads after any outcome; misuse throws.</summary>
public sealed class SafetyTests
{
    private static Tensor Point() => tensor(new double[] { 0.3, -0.7, 1.2, -0.0 }).reshape(2, 2).requires_grad_();

    public static TheoryData<string> Outcomes => ["pass", "fail", "throws", "nondeterministic", "modifies input"];

    private static Func<Tensor[], Tensor> Function(string outcome, double threshold) => outcome switch
    {
        "pass" => t => t[0].sin() * t[0],
        "fail" => t => PlantedFunctions.CubeWrongFactor.apply(t[0]),
        // Throws only once the check perturbs an element past the threshold.
        "throws" => t => t[0].max().item<double>() > threshold ? throw new InvalidOperationException("boom") : t[0] * 2,
        "nondeterministic" => t => t[0] + torch.rand(2, 2, dtype: float64),
        _ => t => t[0].add_(1.0),
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void InputsGradBuffersGradModeRngAndThreadsAreAsBeforeAfterAnyOutcome(string outcome)
    {
        using var scope = NewDisposeScope();
        var x = Point();
        (x * x).sum().backward(); // a .grad buffer the check must not touch
        var gradBefore = TorchState.Bits(x.grad!);
        var bitsBefore = TorchState.Bits(x);
        var rngBefore = TorchState.Rng();
        int threadsBefore = get_num_threads();

        Exception? thrown = null;
        try
        {
            TorchGradCheck.Run(Function(outcome, 1.21), [x]);
        }
        catch (GradientCheckException e)
        {
            thrown = e;
        }

        Assert.Equal(outcome is "throws" or "nondeterministic" or "modifies input", thrown is not null);
        Assert.Equal(bitsBefore, TorchState.Bits(x)); // -0.0 included
        Assert.Equal(gradBefore, TorchState.Bits(x.grad!));
        Assert.True(x.requires_grad);
        Assert.True(is_grad_enabled());
        Assert.Equal(rngBefore, TorchState.Rng());
        Assert.Equal(threadsBefore, get_num_threads());
    }

    [Fact]
    public void ExceptionsNameWhereTheyHappened()
    {
        using var scope = NewDisposeScope();
        var x = Point();
        var e = Assert.Throws<FunctionEvaluationException>(() => TorchGradCheck.Run(Function("throws", 1.21), [x]));
        Assert.Contains("input 0 [1,0] perturbed from 1.2", e.Message); // x[1,0] = 1.2 is the max
        Assert.IsType<InvalidOperationException>(e.InnerException);

        var modified = Assert.Throws<GradientCheckException>(() => TorchGradCheck.Run(Function("modifies input", 0), [Point()]));
        Assert.Contains("modified its input input 0", modified.Message);
    }

    [Fact]
    public void GradModeOffBeforeStaysOffAndTheCheckStillWorks()
    {
        using var scope = NewDisposeScope();
        var x = Point();
        TensorCheckReport report;
        using (no_grad())
        {
            report = TorchGradCheck.Run(Function("pass", 0), [x]);
            Assert.False(is_grad_enabled());
        }
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void ModuleTrainingFlagsComeBackWhenTheLossThrows()
    {
        using var scope = NewDisposeScope();
        var net = nn.Sequential(("fc", nn.Linear(2, 2, dtype: float64)), ("drop", nn.Dropout(0.5)));
        net.train();
        var weightBits = TorchState.Bits(net.named_parameters().First().parameter);
        int calls = 0;

        Assert.Throws<FunctionEvaluationException>(() => TorchGradCheck.RunModule(net,
            () => ++calls > 3 ? throw new InvalidOperationException("late failure") : net.call(ones(1, 2, dtype: float64)).sum(),
            new TorchCheckOptions { Randomness = RandomnessHandling.EvalMode }));

        Assert.True(net.training);
        Assert.All(net.modules(), m => Assert.True(m.training));
        Assert.Equal(weightBits, TorchState.Bits(net.named_parameters().First().parameter));
    }

    [Fact]
    public void NoInputRequiringGradIsAnArgumentError()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 });
        var e = Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0] * 2, [x]));
        Assert.Contains("requires_grad_()", e.Message);

        var integers = tensor(new long[] { 1, 2 });
        Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0] * 2, [integers]));
    }

    [Fact]
    public void OutputUnconnectedToTheInputsIsAClearErrorNotAnAbort()
    {
        using var scope = NewDisposeScope();
        var x = Point();
        var detached = Assert.Throws<GradientCheckException>(() => TorchGradCheck.Run(t => t[0].detach() * 2, [x]));
        Assert.Contains("output 0 is not connected", detached.Message);

        var constant = Assert.Throws<GradientCheckException>(() => TorchGradCheck.Run(t => [t[0] * 2, ones(3, dtype: float64)], [x]));
        Assert.Contains("output 1 is not connected", constant.Message);
    }

    [Fact]
    public void NonFloatingOutputNonContiguousInputAndNonFiniteInputAreArgumentErrors()
    {
        using var scope = NewDisposeScope();
        var x = Point();
        Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0].argmax(), [x]));

        // Strided inputs are checked as given (PyTorchParity/StridedInputTests); overlapping ones are refused.
        var expanded = randn(1, 3, dtype: float64).expand(2, 3).requires_grad_();
        var e = Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0] * 2, [expanded]));
        Assert.Contains("contiguous", e.Message);

        var nan = tensor(new double[] { 1, double.NaN }).requires_grad_();
        Assert.Contains("[1] is NaN", Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0] * 2, [nan])).Message);

        var half = ones(2, dtype: float16).requires_grad_();
        Assert.Contains("CheckPrecision.Float64", Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0] * 2, [half])).Message);
    }

    [Fact]
    public void ADetachedPathIsCaughtAsAMismatch()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.5 }).requires_grad_();
        // d(x·x)/dx = 2x, but autograd sees only one factor: half the derivative is lost.
        var report = TorchGradCheck.Run(t => t[0].detach() * t[0], [x]);
        Assert.False(report.Passed);
        Assert.Equal(2, report.Failures.Count);
    }

    [Fact]
    public void Float64PrecisionForAModuleIsRefusedBeforeAnythingChanges()
    {
        using var scope = NewDisposeScope();
        var net = nn.Linear(2, 2);
        var weight = net.named_parameters().First().parameter;
        var e = Assert.Throws<ArgumentException>(() => TorchGradCheck.RunModule(net, () => net.call(ones(1, 2)).sum(),
            new TorchCheckOptions { Precision = CheckPrecision.Float64 }));
        Assert.Contains("disposes and replaces", e.Message);
        Assert.Same(weight, net.named_parameters().First().parameter);
        Assert.Equal(ScalarType.Float32, weight.dtype);
    }
}
