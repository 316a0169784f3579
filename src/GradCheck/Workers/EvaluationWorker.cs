using System.Numerics;
using GradCheck.Fast;
using GradCheck.Internal;

namespace GradCheck.Workers;

/// <summary>
/// Everything one thread needs to evaluate f near the point: its own array to perturb, its own estimator
/// (the Ridders tableau is a reused buffer, so it cannot be shared) and its own evaluation counter.
/// </summary>
internal sealed class EvaluationWorker<T> where T : IFloatingPointIeee754<T>
{
    /// <param name="function">f, for coordinate probes.</param>
    /// <param name="directional">The scalar evaluated along direction k (f itself, or vₖ·f for a Jacobian).</param>
    /// <param name="point">The array to perturb.</param>
    /// <param name="original">The unperturbed point, never written.</param>
    /// <param name="f0">f at the point.</param>
    /// <param name="directionalF0">The directional scalar at the point, by direction number.</param>
    /// <param name="noise">Measured absolute rounding noise of one value of f (0: unknown).</param>
    /// <param name="options">Estimator options.</param>
    /// <param name="name">Entry names, for messages.</param>
    /// <param name="cancellation">Stops between evaluations.</param>
    /// <param name="gradientScale">The largest analytic entry (0: unknown), for the estimator's first step.</param>
    public EvaluationWorker(Func<T[], T> function, Func<T[], int, T> directional, T[] point, T[] original, double f0, Func<int, double> directionalF0, double noise, GradientCheckOptions options,
        Func<int, string> name, CancellationToken cancellation, double gradientScale = 0)
    {
        Point = point;
        Estimator = new EntryEstimator(options, gradientScale);
        Coordinates = new CoordinateProbe<T>(function, point, f0, noise, Counter, name, cancellation);
        Direction = new DirectionProbe<T>(directional, point, original, directionalF0, noise, Counter, cancellation);
    }

    /// <summary>The array this worker perturbs: the caller's point when sequential, a private copy when parallel.</summary>
    public T[] Point { get; }

    public EvaluationCounter Counter { get; } = new();

    public EntryEstimator Estimator { get; }

    public CoordinateProbe<T> Coordinates { get; }

    public DirectionProbe<T> Direction { get; }
}
