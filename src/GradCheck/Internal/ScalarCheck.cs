using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// The check of a scalar function, full or fast: wraps the replay hook, runs the mode the options ask for, and runs it again
/// on a private copy of the gradient when f wrote into the array the gradient returned (<see cref="GradientRerun"/>).
/// Every scalar entry point (GradientCheck.Run and its callback forms, nearby points, model tensors) starts here.
/// </summary>
internal static class ScalarCheck<T> where T : IFloatingPointIeee754<T>
{
    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    /// <param name="function">f, wrapped by the public entry point.</param>
    /// <param name="gradient">The analytic gradient under test.</param>
    /// <param name="point">Where to check; perturbed in place and restored.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="cancellation">Stops the check between evaluations.</param>
    /// <param name="snapshot">
    /// A copy of the point the caller already holds and will not change during the check (the model check's copy of the
    /// tensor): restored from instead of a second copy. Null: the check copies the point.
    /// </param>
    public static GradientReport Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options, CancellationToken cancellation,
        T[]? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        (function, gradient) = EvaluationHook.Wrap(function, gradient, options.BeforeEvaluation);
        // The gradient is read in place from the array it returned; when f wrote into that array during the check, the
        // verdicts were made on values that changed, so the check runs again on a private copy (see GradientValues).
        var first = RunOnce(function, gradient, point, options, GradientRerun.None, snapshot, cancellation);
        return first.Report ?? RunOnce(function, gradient, point, options, GradientRerun.After(first.Evaluations), snapshot, cancellation).Report!;
    }

    private static (GradientReport? Report, int Evaluations) RunOnce(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options,
        GradientRerun rerun, T[]? snapshot, CancellationToken cancellation) =>
        options.Mode == CheckMode.Fast
            ? Fast.FastChecker<T>.Run(function, gradient, point, options, rerun, snapshot, cancellation)
            : GradientChecker<T>.Run(function, gradient, point, options, rerun, snapshot, cancellation);
}
