namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// The smoothed hinge loss (as in ML.NET, smoothing s = 0.5): once differentiable, its second derivative jumps at the
/// margin o = 1 and at o = 1 − s. Near the margin a checker that calls the point a kink accepts anything between its
/// one-sided estimates; in float32 a planted factor 0.5 was accepted that way. Kinks need evidence at every small step.
/// </summary>
public sealed class SmoothedHingeTests
{
    private const float Smoothing = 0.5f;

    private static float Loss(float o)
    {
        float output = 1 - o;
        return output <= 0 ? 0 : output < Smoothing ? output * output / (2 * Smoothing) : output - Smoothing / 2;
    }

    private static float Derivative(float o)
    {
        float output = 1 - o;
        return output <= 0 ? 0 : output < Smoothing ? -output / Smoothing : -1;
    }

    [Fact]
    public void Near_the_margin_in_float_no_point_is_a_kink_and_half_the_derivative_always_fails()
    {
        var problems = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            float o = 0.95f + i * 0.0005f;   // 0.95 … 1.0495: across the margin, at distances from 5e-4 up
            if (MathF.Abs(1 - o) < 1e-4f) continue;
            var correct = GradientCheck.Run(x => Loss(x[0]), x => [Derivative(x[0])], [o]);
            var halved = GradientCheck.Run(x => Loss(x[0]), x => [0.5f * Derivative(x[0])], [o]);

            // Beyond the margin the whole gradient is exactly 0: with no scale to judge a nonzero estimate's tolerance
            // against, Inconclusive is allowed there; a failure or a kink never.
            bool expected = Derivative(o) != 0 ? correct.Outcome == CheckOutcome.Passed : correct.Outcome != CheckOutcome.Failed;
            if (!expected || correct.Entries[0].Verdict == EntryVerdict.NonDifferentiable) problems.Add($"o = {o}: {correct}");
            if (Derivative(o) != 0 && halved.Outcome != CheckOutcome.Failed) problems.Add($"o = {o}, halved: {halved}");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problems\n{string.Join("\n", problems.Take(3))}");
    }
}
