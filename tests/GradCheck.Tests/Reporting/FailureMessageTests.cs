namespace GradCheck.Tests.Reporting;

/// <summary>
/// A failure message diagnoses from evidence: failures that all miss by little, in a check that also met a kink or an
/// unresolvable entry, come with the advice that a numerical cause is possible; a clear miss, or a small one on a
/// smooth function, does not.
/// </summary>
public class FailureMessageTests
{
    /// <summary>f = |x₀| + x₁², checked at x₀ = 0 (a kink) and x₁ = 0.7; the analytic x₁ entry carries <paramref name="error"/>.</summary>
    /// <remarks>
    /// Early decisions are off: a miss a few full-tableau tolerances wide is below an early pass's resolution (about 1e-9
    /// of the entry) and would pass; the message is what is tested here, on the estimate every failure gets.
    /// </remarks>
    private static GradientReport Check(double error, bool withKink) => withKink
        ? GradientCheck.Run(x => Math.Abs(x[0]) + x[1] * x[1], x => [0.0, 2 * x[1] + error], [0.0, 0.7], FullTableau)
        : GradientCheck.Run(x => Math.Sin(x[0]) + x[1] * x[1], x => [Math.Cos(x[0]), 2 * x[1] + error], [0.3, 0.7], FullTableau);

    private static readonly GradientCheckOptions FullTableau = new() { EarlyDecisions = false };

    private static double ToleranceOfSecondEntry(bool withKink) => Check(0, withKink).Entries[1].Tolerance;

    [Fact]
    public void A_small_miss_next_to_a_kink_says_a_numerical_cause_is_possible()
    {
        double tolerance = ToleranceOfSecondEntry(withKink: true);
        var report = Check(3 * tolerance, withKink: true);

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Equal(EntryVerdict.NonDifferentiable, report.Entries[0].Verdict);
        var message = report.FailureMessage();
        Assert.Contains("Numerical cause possible: every failure misses by less than 10× its tolerance (at most 3.0×)", message);
        Assert.Contains("this check also found 1 entry at a kink", message);
        Assert.Contains("GradientCheck.RunExact", message);
    }

    [Fact]
    public void A_clear_miss_next_to_a_kink_gets_no_such_advice()
    {
        var report = Check(0.05 * 1.4, withKink: true);

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.True(report.Failures[0].ErrorToTolerance > 10, report.ToString());
        Assert.DoesNotContain("Numerical cause possible", report.FailureMessage());
    }

    [Fact]
    public void A_small_miss_on_a_smooth_function_gets_no_such_advice()
    {
        double tolerance = ToleranceOfSecondEntry(withKink: false);
        var report = Check(3 * tolerance, withKink: false);

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.DoesNotContain("Numerical cause possible", report.FailureMessage());
    }
}
