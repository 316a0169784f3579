namespace GradCheck.Tests.Models;

/// <summary>
/// ModelCheck fails a Backward() that changes on a second call at the same point: NotReentrant entries named by
/// tensor and multi-index, with both values, and a NotReentrant diagnosis; NondeterminismTolerance covers the repeat.
/// </summary>
public class ModelReentrancyTests
{
    /// <summary>The exact gradient of <paramref name="model"/>: its own (correct, zeroing) Backward().</summary>
    private static (double[] Weight, double[] Bias) Exact(LinearTestModel<double> model)
    {
        model.Backward();
        return ([.. model.WeightGradient], [.. model.BiasGradient]);
    }

    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void A_dense_layer_whose_backward_accumulates_without_zeroing_fails_in_every_entry(CheckMode mode)
    {
        var (weight, bias) = Exact(new LinearTestModel<double>(outputs: 2, inputs: 3));
        var report = ModelCheck.Run(new AccumulatingModel(new LinearTestModel<double>(outputs: 2, inputs: 3)), new GradientCheckOptions { Mode = mode });

        Assert.False(report.Passed);
        foreach (var (tensor, exact, names) in new[]
                 {
                     (report.Parameters[0], weight, new[] { "fc.weight[0,0]", "fc.weight[0,1]", "fc.weight[0,2]", "fc.weight[1,0]", "fc.weight[1,1]", "fc.weight[1,2]" }),
                     (report.Parameters[1], bias, new[] { "fc.bias[0]", "fc.bias[1]" }),
                 })
        {
            Assert.Equal(CheckOutcome.Failed, tensor.Report.Outcome);
            Assert.Equal(names, tensor.Report.Failures.OrderBy(f => f.Index).Select(f => f.Label));
            foreach (var failure in tensor.Report.Failures)
            {
                Assert.Equal(EntryVerdict.NotReentrant, failure.Verdict);
                Assert.Equal(exact[failure.Index], failure.Analytic);
                Assert.Equal(2 * exact[failure.Index], failure.Numeric);
            }
            Assert.Equal(FailurePattern.NotReentrant, tensor.Pattern);
            Assert.Contains("each came back doubled, so Backward() adds (+=) into a gradient buffer it never zeroes", tensor.Diagnosis);
        }
        Assert.Contains("fc.bias[1]: not reentrant: the derivative was", report.FailureMessage());
        Assert.Contains(report.Warnings, w => w.StartsWith("fc.bias: The gradient is not reentrant", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_tensor_whose_backward_accumulates_fails()
    {
        var (_, bias) = Exact(new LinearTestModel<double>(outputs: 2, inputs: 3));
        var report = ModelCheck.Run(new AccumulatingModel(new LinearTestModel<double>(outputs: 2, inputs: 3), weights: false));

        Assert.True(report.Parameters[0].Passed);
        var failure = Assert.Single(report.Parameters[1].Report.Failures, f => f.Index == 1);
        Assert.Equal(("fc.bias[1]", EntryVerdict.NotReentrant, bias[1], 2 * bias[1]), (failure.Label, failure.Verdict, failure.Analytic, failure.Numeric));
        Assert.Equal(2, report.Parameters[1].Report.Failures.Count);
        // The flat details carry the failure at its model-wide index (after the 6 weights).
        Assert.Contains(report.Details.Failures, f => f.Index == 7 && f.Verdict == EntryVerdict.NotReentrant);
    }

    [Fact]
    public void A_backward_with_tiny_nondeterminism_fails_by_default_and_passes_within_a_declared_tolerance()
    {
        var strict = ModelCheck.Run(new JitteringModel(new LinearTestModel<double>(outputs: 2, inputs: 3)));
        Assert.False(strict.Passed);
        Assert.All(strict.Details.Failures, f => Assert.Equal(EntryVerdict.NotReentrant, f.Verdict));
        Assert.Equal(8, strict.Details.Failures.Count);
        Assert.All(strict.Details.Failures, f => Assert.InRange(f.AbsoluteError, 1.9e-12, 2.1e-12));

        var tolerant = ModelCheck.Run(new JitteringModel(new LinearTestModel<double>(outputs: 2, inputs: 3)),
            new GradientCheckOptions { NondeterminismTolerance = 1e-9 });
        Assert.True(tolerant.Passed, tolerant.ToString());
        Assert.DoesNotContain(tolerant.Warnings, w => w.Contains("not reentrant", StringComparison.Ordinal));
    }

    [Fact]
    public void Switching_the_check_off_calls_Backward_once()
    {
        var accumulating = new AccumulatingModel(new LinearTestModel<double>(outputs: 2, inputs: 3));
        var report = ModelCheck.Run(accumulating, new GradientCheckOptions { CheckGradientReentrancy = false });

        Assert.Equal(1, accumulating.BackwardCalls);
        Assert.True(report.Passed);
    }

    /// <summary>A classic bug: += into gradient buffers that are never zeroed, so a second Backward() doubles them.</summary>
    private sealed class AccumulatingModel(LinearTestModel<double> inner, bool weights = true) : IDifferentiableModel<double>
    {
        public int BackwardCalls { get; private set; }

        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public double Loss() => inner.Loss();

        public void Backward()
        {
            BackwardCalls++;
            double[] weight = [.. inner.WeightGradient], bias = [.. inner.BiasGradient];
            inner.Backward();
            if (weights)
                for (int i = 0; i < weight.Length; i++) inner.WeightGradient[i] += weight[i];
            for (int i = 0; i < bias.Length; i++) inner.BiasGradient[i] += bias[i];
        }
    }

    /// <summary>A correct Backward() whose sums come out ±1e-12 different on alternate calls, like atomics on a GPU.</summary>
    private sealed class JitteringModel(LinearTestModel<double> inner) : IDifferentiableModel<double>
    {
        private int _calls;

        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public double Loss() => inner.Loss();

        public void Backward()
        {
            inner.Backward();
            double jitter = _calls++ % 2 == 0 ? 1e-12 : -1e-12;
            for (int i = 0; i < inner.WeightGradient.Length; i++) inner.WeightGradient[i] += jitter;
            for (int i = 0; i < inner.BiasGradient.Length; i++) inner.BiasGradient[i] += jitter;
        }
    }
}
