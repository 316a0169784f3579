using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// Item 1 of issue 14 (test_autograd.py: test_gradcheck_complex_*, gradcheck.py _gradcheck_real_imag): complex inputs
/// and outputs checked as (real, imaginary) pairs, C→C, R→C and C→R, in full and projection mode.
/// </summary>
public sealed class ComplexTests
{
    private static Tensor Z() => complex(tensor(new double[] { 1.0, -0.5 }), tensor(new double[] { 2.0, 0.75 })).requires_grad_();

    private static TorchCheckOptions Options(TorchCheckMode mode) => new() { Mode = mode };

    /// <summary>w = z², with a backward that forgets the conjugate: g·2z instead of g·conj(2z).</summary>
    public sealed class SquareWithoutConj : autograd.SingleTensorFunction<SquareWithoutConj>
    {
        public override string Name => nameof(SquareWithoutConj);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var z = (Tensor)vars[0];
            ctx.save_for_backward([z]);
            return z * z;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) => [grad_output * 2 * ctx.get_saved_variables()[0]];
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void Complex_to_complex_passes_and_the_input_is_left_bit_identical(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var z = Z();
        var before = TorchState.Bits(view_as_real(z.detach()).contiguous());
        var report = TorchGradCheck.Run(t => [t[0] * t[0], t[0].exp()], [z], Options(mode));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal("input 0 (re,im)", Assert.Single(report.Inputs).Name);
        Assert.Contains(report.Warnings, w => w.StartsWith("output 1 is complex: checked as view_as_real pairs", StringComparison.Ordinal));
        Assert.Equal(before, TorchState.Bits(view_as_real(z.detach()).contiguous()));
        Assert.True(z.requires_grad);
    }

    [Fact]
    public void The_pairs_jacobian_of_z_squared_is_the_exact_real_jacobian()
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(t => t[0] * t[0], [Z()]);
        double Entry(string label) => report.Entries.Single(e => e.Label == label).Analytic;
        // z0 = 1 + 2i, w = z²: ∂Re w/∂x = 2x, ∂Im w/∂x = 2y, ∂Re w/∂y = −2y, ∂Im w/∂y = 2x.
        Assert.Equal(2, Entry("input 0 (re,im) [0,0] w.r.t. output 0 [0,0]"));
        Assert.Equal(4, Entry("input 0 (re,im) [0,0] w.r.t. output 0 [0,1]"));
        Assert.Equal(-4, Entry("input 0 (re,im) [0,1] w.r.t. output 0 [0,0]"));
        Assert.Equal(2, Entry("input 0 (re,im) [0,1] w.r.t. output 0 [0,1]"));
        Assert.Contains(report.Warnings, w => w.Contains("the last index of its entries is the part, 0 real and 1 imaginary", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void Real_to_complex_and_complex_to_real_pass(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -1.5 }).requires_grad_();
        var y = tensor(new double[] { 2.0, 0.25 }).requires_grad_();
        var rc = TorchGradCheck.Run(t => [complex(t[0], t[1]), t[0] + 1], [x, y], Options(mode));
        Assert.True(rc.Passed, rc.ToString());

        var cr = TorchGradCheck.Run(t => [t[0].real, 1 / t[0].abs()], [Z()], Options(mode));
        Assert.True(cr.Passed, cr.ToString());
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_backward_that_forgets_the_conjugate_fails(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(t => SquareWithoutConj.apply(t[0]), [Z()], Options(mode));
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        if (mode != TorchCheckMode.Full) return;
        // g·2z instead of g·conj(2z) flips the sign of every term in y (the imaginary part of z0): exactly the
        // entries that pair a real part with an imaginary part are wrong, ∂Re w/∂y and ∂Im w/∂x.
        var wrong = report.Failures.Where(f => f.Verdict == EntryVerdict.Mismatch).Select(f => f.Label).Order().ToArray();
        Assert.Equal(["input 0 (re,im) [0,0] w.r.t. output 0 [0,1]", "input 0 (re,im) [0,1] w.r.t. output 0 [0,0]",
            "input 0 (re,im) [1,0] w.r.t. output 0 [1,1]", "input 0 (re,im) [1,1] w.r.t. output 0 [1,0]"], wrong);
    }

    [Fact]
    public void Gradgradcheck_takes_complex_inputs()
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.GradGradCheck(t => t[0] * t[0].exp(), [Z()]);
        Assert.True(report.Passed, report.ToString());
    }
}
