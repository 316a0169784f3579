namespace GradCheck;

/// <summary>
/// The settings every check's options share, with one meaning for all of them: <see cref="GradientCheckOptions"/>
/// (gradient, Jacobian, exact, model checks), <see cref="HessianCheckOptions"/>, <see cref="TaylorTestOptions"/> and
/// <see cref="DescentCheckOptions"/> derive from it. Code that only sets these can take any check's options as a
/// <see cref="CheckOptions"/> and use <c>with</c> on it. Settings that only some checks have (a seed, a first step, a
/// safety factor) stay on those checks' records, so no check carries a setting it would ignore.
/// </summary>
public abstract record CheckOptions
{
    /// <summary>
    /// The least rounding noise assumed for one value of the function the check takes differences of, in units of the
    /// element type's epsilon times that value's magnitude: |f| for the gradient, Taylor and descent checks, each output
    /// |yᵢ| for a Jacobian check, the largest gradient entry for the Hessian check (which differences the gradient).
    /// Null: 8. Checks that also measure the noise next to the point use the larger of the two; raise this for functions
    /// whose noise the measurement cannot see (an iterative solver whose error changes only with the iteration count:
    /// ~1e6 for a tolerance of 1e-10 in double).
    /// </summary>
    public double? FunctionNoiseUlps { get; init; }

    /// <summary>
    /// Largest allowed absolute difference between repeated evaluations at the same point (PyTorch's nondet_tol): of f
    /// (and of the gradient or product under test, where the check calls it twice); of the gradient for the Hessian
    /// check. 0 (default): bit-identical repeats are required, as finite differences need. Declare it for code that is
    /// nondeterministic by design (atomics, parallel sums): a repeat within it passes instead of being refused as random,
    /// and the check allows for it (each entry's tolerance grows by it, or it counts as noise of the differenced
    /// values), so bugs smaller than it stay hidden.
    /// </summary>
    public double NondeterminismTolerance { get; init; }

    /// <summary>
    /// Accept what the numerics could not resolve: a report whose only shortfall is inconclusive entries (or an
    /// inconclusive Taylor or descent test) then counts as passed by <c>ThrowIfFailed()</c>, which does not throw
    /// <see cref="InconclusiveCheckException"/>. Default false: an unresolved derivative is not a checked one.
    /// </summary>
    public bool AcceptInconclusive { get; init; }
}
