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
    public EvaluationWorker(Func<T[], T> function, T[] point, T[] original, double f0, GradientCheckOptions options,
        Func<int, string> name, CancellationToken cancellation)
    {
        Point = point;
        Estimator = new EntryEstimator(options);
        Coordinates = new CoordinateProbe<T>(function, point, f0, Counter, name, cancellation);
        Direction = new DirectionProbe<T>(function, point, original, f0, Counter, cancellation);
    }

    /// <summary>The array this worker perturbs: the caller's point when sequential, a private copy when parallel.</summary>
    public T[] Point { get; }

    public EvaluationCounter Counter { get; } = new();

    public EntryEstimator Estimator { get; }

    public CoordinateProbe<T> Coordinates { get; }

    public DirectionProbe<T> Direction { get; }
}
