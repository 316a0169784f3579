using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>
/// MaxDegreeOfParallelism = 2 through the adapter gives the sequential report, entry for entry (the adapter evaluates on one
/// thread: TorchSharp 0.107 is not safe for concurrent forward passes); a cancelled check stops and leaves the tensors
/// bit-identical.
/// </summary>
public sealed class ParallelAndCancellationTests
{
    /// <summary>A two-layer tanh network's loss, as the benchmark's (mean ½|W2·tanh(W1·x + b1) + b2 − y|²), with its parameters.</summary>
    private static (Func<Tensor[], Tensor> Loss, Tensor[] Parameters) Network(int seed)
    {
        torch.random.manual_seed(seed);
        var x = randn(6, 3, dtype: float64);
        var y = randn(6, 2, dtype: float64);
        Tensor[] parameters = [randn(4, 3, dtype: float64).requires_grad_(), randn(4, dtype: float64).requires_grad_(),
            randn(2, 4, dtype: float64).requires_grad_(), randn(2, dtype: float64).requires_grad_()];
        Tensor Loss(Tensor[] p)
        {
            var hidden = tanh(x.matmul(p[0].t()) + p[1]);
            var output = hidden.matmul(p[2].t()) + p[3];
            return (output - y).pow(2).sum() * (0.5 / 6);
        }
        return (Loss, parameters);
    }

    private static void AssertSameReports(TensorCheckReport sequential, TensorCheckReport parallel)
    {
        Assert.Equal(sequential.FunctionEvaluations, parallel.FunctionEvaluations);
        Assert.Equal(sequential.Outcome, parallel.Outcome);
        var a = sequential.Entries.ToArray();
        var b = parallel.Entries.ToArray();
        Assert.Equal(a.Length, b.Length);
        for (int e = 0; e < a.Length; e++)
        {
            Assert.Equal(a[e].Name, b[e].Name);
            Assert.Equal(a[e].Verdict, b[e].Verdict);
            Assert.Equal(a[e].Numeric, b[e].Numeric);     // bit-identical: the same evaluations in the same order per entry
            Assert.Equal(a[e].Tolerance, b[e].Tolerance);
            Assert.Equal(a[e].Evaluations, b[e].Evaluations);
        }
        for (int i = 0; i < sequential.Inputs.Count; i++)
            Assert.Equal(sequential.Inputs[i].Report.FunctionEvaluations, parallel.Inputs[i].Report.FunctionEvaluations);
        Assert.Equal(sequential.ToString(), parallel.ToString());
    }

    [Fact]
    public void Two_threads_give_the_sequential_report_of_a_correct_network_and_leave_the_parameters_bit_identical()
    {
        using var scope = NewDisposeScope();
        var (loss, parameters) = Network(seed: 3);
        var before = parameters.Select(TorchState.Bits).ToArray();

        var sequential = TorchGradCheck.Run(loss, parameters);
        var parallel = TorchGradCheck.Run(loss, parameters, new GradientCheckOptions { MaxDegreeOfParallelism = 2 });

        Assert.True(sequential.Passed, sequential.ToString());
        AssertSameReports(sequential, parallel);
        for (int i = 0; i < parameters.Length; i++) Assert.Equal(before[i], TorchState.Bits(parameters[i]));
    }

    [Fact]
    public void Two_threads_give_the_sequential_report_of_several_outputs_and_of_a_planted_bug()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1 }).reshape(2, 3).requires_grad_();
        var w = tensor(new double[] { 0.2, -0.7, 1.3 }).requires_grad_();
        // Two outputs, each a function of both inputs: every Jacobian entry of both, from one forward pass per perturbation.
        Tensor[] Function(Tensor[] t) => [sin(t[0]) * t[1], (t[0] * t[0]).sum(1)];
        var sequential = TorchGradCheck.Run(Function, [x, w]);
        var parallel = TorchGradCheck.Run(Function, [x, w], new GradientCheckOptions { MaxDegreeOfParallelism = 2 });
        Assert.True(sequential.Passed, sequential.ToString());
        AssertSameReports(sequential, parallel);

        Func<Tensor[], Tensor> cube = t => PlantedFunctions.CubeWrongFactor.apply(t[0]); // backward 2x² instead of 3x²
        var wrongSequential = TorchGradCheck.Run(cube, [x]);
        var wrongParallel = TorchGradCheck.Run(cube, [x], new GradientCheckOptions { MaxDegreeOfParallelism = 2 });
        Assert.False(wrongSequential.Passed);
        AssertSameReports(wrongSequential, wrongParallel);
    }

    [Fact]
    public void A_function_that_fails_on_two_threads_fails_as_it_does_sequentially()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 0.4, -0.9 }).requires_grad_();
        double bad = 0.75;
        Tensor Function(Tensor[] t)
        {
            // Throws whenever element 3 or element 6 is perturbed: the sequential check meets element 3 first.
            var values = t[0].detach().data<double>().ToArray();
            if (values[3] != bad || values[6] != 0.4) throw new InvalidOperationException($"perturbed {(values[3] != bad ? 3 : 6)}");
            return (t[0] * t[0]).sum();
        }
        var sequential = Assert.Throws<FunctionEvaluationException>(() => TorchGradCheck.Run(Function, [x]));
        var parallel = Assert.Throws<FunctionEvaluationException>(() => TorchGradCheck.Run(Function, [x], new GradientCheckOptions { MaxDegreeOfParallelism = 2 }));
        Assert.Contains("perturbed 3", sequential.Message, StringComparison.Ordinal);
        Assert.Equal(sequential.Message, parallel.Message);
        Assert.Equal([0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 0.4, -0.9], x.detach().data<double>().ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_cancelled_check_throws_and_leaves_the_inputs_bit_identical(int threads)
    {
        using var scope = NewDisposeScope();
        var (loss, parameters) = Network(seed: 5);
        var before = parameters.Select(TorchState.Bits).ToArray();
        using var cancellation = new CancellationTokenSource();
        int calls = 0;
        Tensor Cancelling(Tensor[] p)
        {
            // Cancel in the middle of the finite differences (the check makes about 3 evaluations per entry).
            if (Interlocked.Increment(ref calls) == 40) cancellation.Cancel();
            return loss(p);
        }

        Assert.ThrowsAny<OperationCanceledException>(() =>
            TorchGradCheck.Run(Cancelling, parameters, new GradientCheckOptions { MaxDegreeOfParallelism = threads }, cancellation.Token));
        Assert.Equal(40, calls); // it stopped before the next evaluation
        for (int i = 0; i < parameters.Length; i++) Assert.Equal(before[i], TorchState.Bits(parameters[i]));
    }

    [Fact]
    public void A_cancelled_module_check_restores_the_parameters_bit_exactly()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(2);
        var layer = nn.Linear(3, 2, dtype: float64);
        var x = randn(5, 3, dtype: float64);
        var before = layer.parameters().Select(TorchState.Bits).ToArray();
        using var cancellation = new CancellationTokenSource();
        int calls = 0;
        Tensor Loss()
        {
            if (++calls == 20) cancellation.Cancel();
            return layer.call(x).pow(2).mean();
        }

        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.RunModule(layer, Loss, null, cancellation.Token));
        Assert.Equal(before, layer.parameters().Select(TorchState.Bits).ToArray());
    }

    [Fact]
    public void An_already_cancelled_token_stops_every_entry_point_before_the_function_runs()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.25 }).requires_grad_();
        int calls = 0;
        Tensor Square(Tensor[] t)
        {
            calls++;
            return t[0] * t[0];
        }
        var cancelled = new CancellationToken(canceled: true);
        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.Run(Square, [x], null, cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.Run(Square, [x], new TorchCheckOptions(), cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.Run(t => [Square(t)], [x], null, cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.GradGradCheck(Square, [x], null, cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.GradGradCheck(t => [Square(t)], [x], null, cancelled));
        var layer = nn.Linear(2, 1, dtype: float64);
        Assert.ThrowsAny<OperationCanceledException>(() => TorchGradCheck.RunModule(layer, () => layer.call(x.detach()).sum(), null, cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            TorchGradCheck.RunModuleInFloat64(layer, () => nn.Linear(2, 1), m => m.call(x.detach()).sum(), null, cancelled));
        Assert.Equal(0, calls);
    }
}
