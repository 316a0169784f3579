namespace GradCheck;

/// <summary>The verdict on one checked coordinate.</summary>
public enum EntryVerdict
{
    /// <summary>The analytic value agrees with the finite-difference estimate within the error budget.</summary>
    Ok,

    /// <summary>The analytic value differs from the numeric estimate by more than the numerics can explain.</summary>
    Mismatch,

    /// <summary>
    /// The function has a kink here (its one-sided derivatives disagree beyond their errors, and keep disagreeing as
    /// the steps shrink) and the analytic value lies between them: a valid subgradient, such as ReLU'(0) = 0.
    /// Does not fail the report.
    /// </summary>
    NonDifferentiable,

    /// <summary>The analytic value is NaN or infinite, or no finite difference could be formed next to the point.</summary>
    NonFinite,

    /// <summary>
    /// The analytic value agrees with the estimate, but the estimate's tolerance is so large against the gradient's
    /// scale that a real bug would have agreed too (f's rounding drowns this derivative). Makes the report
    /// <see cref="CheckOutcome.Inconclusive"/> unless a failure makes it Failed.
    /// </summary>
    Inconclusive,

    /// <summary>
    /// f jumps at the point or within the smallest step (its one-sided differences grow like 1/h): there is no
    /// derivative to compare with. Fails the report.
    /// </summary>
    Discontinuous,

    /// <summary>
    /// A second call of the gradient at the same point returned a different value for this entry (a backward pass
    /// that accumulates into buffers it never zeroes, or depends on hidden state). Fails the report.
    /// </summary>
    NotReentrant,
}
