using GradCheck.Tests.Support;

namespace GradCheck.Tests.Exact;

/// <summary>The descent check and the Taylor test use f's measured rounding noise, not only an assumed 8 ulps.</summary>
public class NoisyLossTests
{
    // A float32 softmax cross-entropy summed over 5,000 samples is noisy far beyond a few ulps.
    private static readonly FloatProblem Batch = FloatProblems.SoftmaxCrossEntropy(5, 10, 5000, 91);

    [Fact]
    public void On_a_large_float_batch_the_Taylor_test_is_never_wrong_and_does_not_pass_a_5_percent_error()
    {
        var right = TaylorTest.Run(Batch.F, Batch.Gradient, Batch.Point);
        var wrong = TaylorTest.Run(Batch.F, x => Batch.Gradient(x).Select(v => 1.05f * v).ToArray(), Batch.Point);

        // The noise stops the steps early: the test may only say "inconclusive", never that a correct gradient is wrong.
        Assert.True(right.Passed || right.Conclusion.StartsWith("inconclusive", StringComparison.Ordinal), right.ToString());
        Assert.False(wrong.Passed, wrong.ToString());
        Assert.True(wrong.Passed || wrong.UndetectableError > 0.05 || wrong.ConvergenceOrder < 1.8, wrong.ToString());
    }

    [Fact]
    public void A_large_float_batch_raises_no_false_alarm_in_the_descent_check_and_a_wrong_gradient_still_fails()
    {
        var right = DescentCheck.Run(Batch.F, Batch.Gradient, Batch.Point);
        var wrong = DescentCheck.Run(Batch.F, x => Batch.Gradient(x).Select(v => 1.05f * v).ToArray(), Batch.Point);

        Assert.True(right.Passed, right.ToString());
        Assert.False(wrong.Passed, wrong.ToString());
    }
}
