namespace GradCheck;

/// <summary>
/// What a check established. Only <see cref="Passed"/> means the derivative was checked and found right;
/// <see cref="Inconclusive"/> means the numerics could not resolve errors of the size that matter, so nothing
/// was established either way.
/// </summary>
public enum CheckOutcome
{
    /// <summary>Every checked entry agrees with its finite-difference estimate, each resolved finely enough to catch a real bug.</summary>
    Passed,

    /// <summary>At least one entry is wrong, not finite, at a jump of f, or changed between two calls of the gradient.</summary>
    Failed,

    /// <summary>
    /// Nothing failed, but at least one entry could not be resolved: its tolerance is a sizeable fraction of the
    /// gradient's scale (f's rounding drowns the derivative, as with a large constant in f or a saturated loss).
    /// </summary>
    Inconclusive,
}
