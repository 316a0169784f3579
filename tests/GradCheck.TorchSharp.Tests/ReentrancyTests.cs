using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>
/// PyTorch's "Backward is not reentrant": a custom backward that accumulates into a tensor it never zeroes fails with
/// NotReentrant entries (full and projection mode), and the core's NondeterminismTolerance covers a backward that is
/// nondeterministic by design.
/// </summary>
public sealed class ReentrancyTests
{
    private static readonly double[] Weights = [1.5, -2, 0.25];

    /// <summary>s = w·x; a correct backward returns g·w.</summary>
    public abstract class DenseBase<T> : autograd.SingleTensorFunction<T> where T : DenseBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars) =>
            ((Tensor)vars[0] * tensor(Weights, dtype: float64)).sum();

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) => [Gradient(grad_output * tensor(Weights, dtype: float64))];

        protected abstract Tensor Gradient(Tensor correct);
    }

    /// <summary>The bug: the backward adds (+=) its gradient into a static buffer it never zeroes and returns the buffer.</summary>
    public sealed class AccumulatingDense : DenseBase<AccumulatingDense>
    {
        public static Tensor? Buffer;

        protected override Tensor Gradient(Tensor correct)
        {
            Buffer ??= zeros(Weights.Length, dtype: float64).DetachFromDisposeScope();
            Buffer.add_(correct.detach());
            return Buffer.clone();
        }
    }

    /// <summary>A correct backward that comes out ±1e-12 different on alternate calls, like an atomic-add reduction.</summary>
    public sealed class JitteringDense : DenseBase<JitteringDense>
    {
        public static int Calls;

        protected override Tensor Gradient(Tensor correct) => correct + (Calls++ % 2 == 0 ? 1e-12 : -1e-12);
    }

    [Fact]
    public void A_backward_that_accumulates_into_a_buffer_it_never_zeroes_fails_in_every_entry()
    {
        using var scope = NewDisposeScope();
        AccumulatingDense.Buffer = null;
        var x = tensor(new double[] { 0.3, -0.7, 1.2 }).requires_grad_();

        var report = TorchGradCheck.Run(t => AccumulatingDense.apply(t[0]), [x]);

        Assert.False(report.Passed);
        Assert.Equal(["input 0 [0]", "input 0 [1]", "input 0 [2]"], report.Failures.Select(f => f.Name).Order());
        foreach (var failure in report.Failures)
        {
            // One backward per pass (scalar output): the first returned w, the second w + w.
            Assert.Equal(EntryVerdict.NotReentrant, failure.Verdict);
            Assert.Equal(Weights[failure.Index], failure.Analytic);
            Assert.Equal(2 * Weights[failure.Index], failure.Numeric);
            Assert.Equal(0, failure.Tolerance);
        }
        Assert.Contains("input 0 [1]: not reentrant: the derivative was -2, then -4 when computed again at the same point, a change of 2 > NondeterminismTolerance 0\n",
            report.FailureMessage().ReplaceLineEndings("\n"));
        Assert.Contains("Not reentrant: Zero accumulation buffers", report.FailureMessage());
        Assert.Contains(report.Warnings, w => w.StartsWith("The backward pass (w.r.t. input 0) is not reentrant", StringComparison.Ordinal) && w.Contains("3 of 3 entries"));
    }

    [Fact]
    public void The_projection_mode_fails_it_too_and_names_the_elements()
    {
        using var scope = NewDisposeScope();
        AccumulatingDense.Buffer = null;
        var x = tensor(new double[] { 0.3, -0.7, 1.2 }).requires_grad_();

        var report = TorchGradCheck.Run(t => AccumulatingDense.apply(t[0]), [x], new TorchCheckOptions { Mode = TorchCheckMode.Projection });

        Assert.False(report.Passed);
        Assert.Equal(["input 0 [0] of vᵀJ (v random)", "input 0 [1] of vᵀJ (v random)", "input 0 [2] of vᵀJ (v random)"],
            report.Failures.Select(f => f.Name).Order());
        foreach (var failure in report.Failures)
        {
            // vᵀJ = v₀·w on the first pass, twice that on the second.
            Assert.Equal(EntryVerdict.NotReentrant, failure.Verdict);
            Assert.Equal(2 * failure.Analytic, failure.Numeric);
            Assert.Equal(Weights[failure.Index] / Weights[0], failure.Analytic / report.Failures.Single(f => f.Index == 0).Analytic, 12);
        }
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_tiny_nondeterminism_fails_by_default_and_passes_within_the_core_tolerance(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, -0.7, 1.2 }).requires_grad_();

        JitteringDense.Calls = 0;
        var strict = TorchGradCheck.Run(t => JitteringDense.apply(t[0]), [x], new TorchCheckOptions { Mode = mode });
        Assert.False(strict.Passed);
        // One per input element (the projection's own entry may fail too: its analytic value is off by the jitter).
        var notReentrant = strict.Failures.Where(f => f.Verdict == EntryVerdict.NotReentrant).ToArray();
        Assert.Equal([0, 1, 2], notReentrant.Select(f => f.Index).Order());
        Assert.All(notReentrant, f => Assert.Equal(2e-12, f.AbsoluteError, 15));

        JitteringDense.Calls = 0;
        var tolerant = TorchGradCheck.Run(t => JitteringDense.apply(t[0]), [x],
            new TorchCheckOptions { Mode = mode, Check = new GradientCheckOptions { NondeterminismTolerance = 1e-9 } });
        Assert.True(tolerant.Passed, tolerant.ToString());
        Assert.DoesNotContain(tolerant.Warnings, w => w.Contains("not reentrant", StringComparison.Ordinal));
    }
}
