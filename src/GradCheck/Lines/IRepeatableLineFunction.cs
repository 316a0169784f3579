namespace GradCheck.Lines;

/// <summary>
/// A line that can repeat what it evaluated, so that <see cref="LineCheck.DecideEntry"/> refuses randomness where the
/// core refuses it: when an entry's evaluations did not behave like a smooth function's, when it does not pass, or when
/// its cheap estimate contradicts the full one. A line that does not implement it leaves randomness to the caller's own
/// determinism check (for example repeats of the unperturbed point around the whole check).
/// </summary>
public interface IRepeatableLineFunction : ILineFunction
{
    /// <summary>
    /// Evaluates every offset evaluated so far again, bypassing any cache of values, and throws
    /// <see cref="NonDeterministicFunctionException"/> when a value differs from the first by more than
    /// <paramref name="tolerance"/> (0: bit-identical). The point must be as it was found afterwards.
    /// </summary>
    /// <param name="tolerance">The largest difference accepted (the options' NondeterminismTolerance).</param>
    void VerifyRepeatable(double tolerance);
}
