namespace GradCheck;

/// <summary>The verdict on one checked coordinate.</summary>
public enum EntryVerdict
{
    /// <summary>The analytic value agrees with the finite-difference estimate within the error budget.</summary>
    Ok,

    /// <summary>The analytic value differs from the numeric estimate by more than the numerics can explain.</summary>
    Mismatch,

    /// <summary>
    /// The function has a kink here (its one-sided derivatives disagree beyond their errors) and the analytic
    /// value lies between them: a valid subgradient, such as ReLU'(0) = 0. Does not fail the report.
    /// </summary>
    NonDifferentiable,

    /// <summary>The analytic value is NaN or infinite, or no finite difference could be formed next to the point.</summary>
    NonFinite,
}
