using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// <see cref="GradientCheckOptions.BeforeEvaluation"/> applied once, at the entry of the check: wrapping the two
/// callbacks puts the hook before every evaluation whichever part of the check makes it (determinism repeats, noise
/// probe, estimates, fast directions, reentrancy), so replayed randomness cannot be missed by one code path.
/// </summary>
internal static class EvaluationHook
{
    public static (Func<T[], T> Function, Func<T[], T[]> Gradient) Wrap<T>(Func<T[], T> function, Func<T[], T[]> gradient, Action? before)
        where T : IFloatingPointIeee754<T>
    {
        if (before is null) return (function, gradient);
        return (x => { before(); return function(x); }, x => { before(); return gradient(x); });
    }
}
