using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>
/// Outcomes of tensor checks. The drowned function 1e10 + 1e-9·x₀ + 1e-9·x₁² (autograd's gradient is exact) has
/// derivatives far below f's rounding, so no finite difference resolves them: Inconclusive, never Passed.
/// </summary>
public sealed class OutcomeTests
{
    private static Tensor Drowned(Tensor x) =>
        (x * tensor(new[] { 1e-9, 0 }) + x * x * tensor(new[] { 0, 1e-9 })).sum() + 1e10;

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_drowned_input_is_inconclusive_and_throws_InconclusiveCheckException_unless_accepted(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.3, 0.7 }).requires_grad_();

        var strict = TorchGradCheck.Run(t => Drowned(t[0]), [x], new TorchCheckOptions { Mode = mode });
        var lenient = TorchGradCheck.Run(t => Drowned(t[0]), [x], new TorchCheckOptions { Mode = mode, Check = new GradientCheckOptions { AcceptInconclusive = true } });

        Assert.Equal(CheckOutcome.Inconclusive, strict.Outcome);
        Assert.False(strict.Passed);
        Assert.Empty(strict.Failures);
        Assert.Equal(CheckOutcome.Inconclusive, Assert.Single(strict.Inputs).Outcome);
        Assert.Contains("INCONCLUSIVE", strict.Summary);
        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
        var thrown = Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
        Assert.Contains("input 0", thrown.Message);
        lenient.ThrowIfFailed();
    }

    [Fact]
    public void A_wrong_input_fails_the_check_whatever_its_neighbour()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.3, 0.7 }).requires_grad_();
        var y = tensor(new[] { 0.5, -1.5 }).requires_grad_();
        // y's term y₀·y₁ gets a backward scaled by 2 (value unchanged): a planted factor bug in input 1 only.
        // The failure decides the outcome even though inconclusive entries are accepted.
        Tensor F(Tensor[] t) => Drowned(t[0]) + (t[1][0] * t[1][1]) * 2 - (t[1][0] * t[1][1]).detach();

        var report = TorchGradCheck.Run(F, [x, y], new GradientCheckOptions { AcceptInconclusive = true });

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        // Input 0's tiny entries are judged against the whole gradient's scale, which input 1 makes ~1: resolved.
        Assert.Equal(CheckOutcome.Passed, report.Inputs[0].Outcome);
        Assert.Equal(CheckOutcome.Failed, report.Inputs[1].Outcome);
        // Numeric derivatives of y₀·y₁ are y₁ = −1.5 and y₀ = 0.5; the analytic ones are twice that.
        Assert.Equal(-1.5, report.Inputs[1].Report.Entries.Single(e => e.Index == 0).Numeric, 6);
        Assert.Equal(1.0, report.Inputs[1].Report.Entries.Single(e => e.Index == 1).Analytic, 12);
        Assert.Throws<TensorCheckFailedException>(report.ThrowIfFailed);
    }
}
