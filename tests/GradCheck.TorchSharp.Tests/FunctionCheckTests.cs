using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>Functions of tensors: correct derivatives pass, planted bugs are caught and located.</summary>
public sealed class FunctionCheckTests
{
    [Fact]
    public void Null_options_compile_and_mean_the_defaults_and_core_options_convert_to_torch_options()
    {
        // Run(f, inputs, null) was ambiguous between the core-options and the TorchSharp-options overloads (CS0121).
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.25, 2.0 }).requires_grad_();

        var report = TorchGradCheck.Run(t => t[0] * t[0], [x], null);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(9, report.Inputs[0].Report.Entries.Count);

        TorchCheckOptions converted = new GradientCheckOptions { Mode = CheckMode.Fast };
        Assert.Equal(TorchCheckMode.Projection, converted.EffectiveMode);
        Assert.Same(TorchCheckOptions.Default, TorchCheckOptions.FromGradientCheckOptions(null));
    }

    [Fact]
    public void ElementwiseFunctionPassesAndEveryJacobianEntryIsExact()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1 }).reshape(2, 3).requires_grad_();

        var report = TorchGradCheck.Run(t => t[0] * t[0] * t[0], [x]);

        Assert.True(report.Passed, report.ToString());
        var input = Assert.Single(report.Inputs);
        Assert.Equal("input 0", input.Name);
        Assert.Equal(36, input.Report.Entries.Count); // full 6x6 Jacobian
        var values = x.detach().data<double>().ToArray();
        foreach (var e in input.Report.Entries)
        {
            // Entry name "input 0 [r,c] w.r.t. output 0 [r',c']": exact derivative 3x² on the diagonal, 0 elsewhere.
            bool diagonal = e.Name.EndsWith(e.Name[(e.Name.IndexOf('[') - 1)..e.Name.IndexOf(" w.r.t.")], StringComparison.Ordinal);
            double exact = diagonal ? 3 * values[e.Index] * values[e.Index] : 0;
            Assert.Equal(exact, e.Analytic, 12);
            Assert.Equal(exact, e.Numeric, 8);
        }
        Assert.Contains("input 0 [1,2] w.r.t. output 0 [1,2]", input.Report.Entries.Select(e => e.Name));
    }

    [Fact]
    public void SeveralInputsAndOutputsAreCheckedBlockByBlock()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(1);
        var a = randn(2, 3, dtype: float64).requires_grad_();
        var b = randn(3, 2, dtype: float64).requires_grad_();
        var constant = randn(2, 2, dtype: float64); // not requiring grad: a constant, not checked

        // The algorithm's own cost, without the repeats that top every check up to the 342-evaluation determinism floor.
        var report = TorchGradCheck.Run(t => [t[0].matmul(t[1]) * t[2], (t[0] * t[0]).sum().unsqueeze(0)], [a, b, constant],
            new TorchCheckOptions { Check = new GradientCheckOptions { DeterminismEvaluations = 0 } });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["input 0", "input 1"], report.Inputs.Select(i => i.Name));
        Assert.Equal([0, 1], report.Inputs.Select(i => i.Position));
        Assert.Equal(6 * (4 + 1), report.Inputs[0].Report.Entries.Count);
        Assert.Contains(report.Inputs[1].Report.Entries, e => e.Name == "input 1 [2,1] w.r.t. output 1 [0]");
        // d(sum a²)/db = 0 exactly: the unused input gets an exact zero block, and finite differences agree.
        Assert.All(report.Inputs[1].Report.Entries.Where(e => e.Name.Contains("output 1", StringComparison.Ordinal)), e => Assert.Equal(0, e.Analytic));
        // Forward passes are shared between the output elements of one input element.
        Assert.True(report.FunctionEvaluations < 20 * 12, report.Summary);
    }

    [Fact]
    public void CorrectCustomFunctionPasses()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, -0.7, 1.2 }).requires_grad_();
        var report = TorchGradCheck.Run(t => PlantedFunctions.Cube.apply(t[0]), [x]);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void WrongBackwardFactorIsCaughtAtEveryDiagonalEntry()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, -0.7, 1.2 }).requires_grad_();

        var report = TorchGradCheck.Run(t => PlantedFunctions.CubeWrongFactor.apply(t[0]), [x]);

        Assert.False(report.Passed);
        Assert.Equal(["input 0 [0] w.r.t. output 0 [0]", "input 0 [1] w.r.t. output 0 [1]", "input 0 [2] w.r.t. output 0 [2]"],
            report.Failures.Select(e => e.Name).Order());
        var first = report.Failures.Single(e => e.Index == 0);
        Assert.Equal(2 * 0.09, first.Analytic, 12);
        Assert.Equal(3 * 0.09, first.Numeric, 8);
        var thrown = Assert.Throws<TensorCheckFailedException>(report.ThrowIfFailed);
        Assert.Contains("input 0 [1] w.r.t. output 0 [1]", thrown.Message);
    }

    [Theory]
    [InlineData("transposed-dW", 1)]
    [InlineData("missing-term", 2)]
    public void LinearBugsAreLocatedInTheRightInput(string bug, int wrongInput)
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(7);
        var x = randn(3, 2, dtype: float64).requires_grad_();
        var w = randn(2, 2, dtype: float64).requires_grad_();
        var b = randn(2, dtype: float64).requires_grad_();

        var good = TorchGradCheck.Run(t => PlantedFunctions.Linear.apply(t[0], t[1], t[2])[0], [x, w, b]);
        Func<Tensor[], Tensor> buggy = bug == "transposed-dW"
            ? t => PlantedFunctions.LinearTransposedWeightGradient.apply(t[0], t[1], t[2])[0]
            : t => PlantedFunctions.LinearMissingTerm.apply(t[0], t[1], t[2])[0];
        var bad = TorchGradCheck.Run(buggy, [x, w, b]);

        Assert.True(good.Passed, good.ToString());
        Assert.False(bad.Passed);
        Assert.Equal([wrongInput], bad.Inputs.Where(i => !i.Passed).Select(i => i.Position));
        Assert.All(bad.Failures, e => Assert.StartsWith($"input {wrongInput} [", e.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void MultiOutputCustomFunctionBugIsLocatedToTheOutputWhoseTermIsMissing()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.2, 1.1, -0.6, 2.4 }).reshape(2, 2).requires_grad_();

        var good = TorchGradCheck.Run(t => PlantedFunctions.SinCos.apply(t[0]).ToArray(), [x]);
        var bad = TorchGradCheck.Run(t => PlantedFunctions.SinCosMissingTerm.apply(t[0]).ToArray(), [x]);

        Assert.True(good.Passed, good.ToString());
        Assert.Equal(4, bad.Failures.Count); // the diagonal of d cos x / dx
        var values = x.detach().data<double>().ToArray();
        foreach (var e in bad.Failures)
        {
            Assert.EndsWith($" w.r.t. output 1 {e.Name[e.Name.IndexOf('[')..e.Name.IndexOf(']')]}]", e.Name, StringComparison.Ordinal);
            Assert.Equal(0, e.Analytic);
            Assert.Equal(-Math.Sin(values[e.Index]), e.Numeric, 8);
        }
    }

    [Fact]
    public void ReentrancyCanBeSwitchedOffToHalveTheBackwardPasses()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.2, 1.1, -0.6 }).requires_grad_();
        var twice = TorchGradCheck.Run(t => t[0].exp(), [x]);
        var once = TorchGradCheck.Run(t => t[0].exp(), [x], new TorchCheckOptions { CheckBackwardReentrancy = false });
        var coreSwitch = TorchGradCheck.Run(t => t[0].exp(), [x], new GradientCheckOptions { CheckGradientReentrancy = false });
        Assert.Equal(6, twice.BackwardPasses);
        Assert.Equal(3, once.BackwardPasses);
        Assert.Equal(3, coreSwitch.BackwardPasses);
    }

    [Fact]
    public void FunctionalDropoutIsRefusedUnlessTheRandomStreamIsReplayed()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.2, 1.1, -0.6, 0.9, 1.4, -0.3 }).requires_grad_();
        Func<Tensor[], Tensor> dropout = t => nn.functional.dropout(t[0].sin(), 0.5, training: true);

        Assert.Throws<NonDeterministicFunctionException>(() => TorchGradCheck.Run(dropout, [x]));
        var report = TorchGradCheck.Run(dropout, [x], new TorchCheckOptions { Randomness = RandomnessHandling.ReplaySeed });

        Assert.True(report.Passed, report.ToString());
        var diagonal = report.Entries.Where(e => e.Name.EndsWith($"output 0 [{e.Index}]", StringComparison.Ordinal)).ToArray();
        Assert.Contains(diagonal, e => e.Analytic == 0); // a dropped element
        Assert.Contains(diagonal, e => e.Analytic != 0); // a kept one (scaled by 2)
    }

    /// <summary>
    /// A loss dropped on 2 % of calls (dropout on the loss at a low rate) escapes the single repeat at the point 98 times
    /// in 100; the repeats that top the check up to 342 evaluations catch it (escape probability 0.98³⁴² ≈ 10⁻³).
    /// The random stream is .NET's, seeded per run, so each run is reproducible.
    /// </summary>
    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void DropoutOnTwoPercentOfCallsIsRefusedInEveryRun(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.2, 1.1, -0.6 }).requires_grad_();
        for (int seed = 0; seed < 10; seed++)
        {
            var random = new Random(seed);
            Func<Tensor[], Tensor> rarelyDropped = t => random.NextDouble() < 0.02 ? (t[0].sin() * 0).sum() : t[0].sin().sum();

            var refusal = Assert.Throws<NonDeterministicFunctionException>(() => TorchGradCheck.Run(rarelyDropped, [x], new TorchCheckOptions { Mode = mode }));
            Assert.Contains("RandomnessHandling.ReplaySeed", refusal.Message, StringComparison.Ordinal);
        }
        // The same function without the randomness passes, and the check made exactly the floor's evaluations.
        var report = TorchGradCheck.Run(t => t[0].sin().sum(), [x], new TorchCheckOptions { Mode = mode });
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(342, report.FunctionEvaluations);
    }

    [Fact]
    public void SampleSizeAppliesToEachInput()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(2);
        Tensor[] inputs = [randn(4, 3, dtype: float64).requires_grad_(), randn(3, dtype: float64).requires_grad_()];
        var report = TorchGradCheck.Run(t => (t[0] * t[1]).sum(), inputs, new GradientCheckOptions { SampleSize = 2 });
        Assert.True(report.Passed, report.ToString());
        Assert.Equal([2, 2], report.Inputs.Select(i => i.Report.Entries.Count));
        Assert.Equal([12, 3], report.Inputs.Select(i => i.Report.Dimension));
    }
}
