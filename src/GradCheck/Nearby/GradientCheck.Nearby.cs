using System.Globalization;
using System.Numerics;
using GradCheck.Internal;

namespace GradCheck;

public static partial class GradientCheck
{
    /// <summary>
    /// The core check at <paramref name="point"/> and at <paramref name="nearbyPoints"/> random points near it
    /// (<see cref="NearbyPoints.Around(double[], int, int?, double)"/>), merged into one report whose entries are
    /// labelled with the point they were checked at (<c>x[3] @ nearby 2</c>). Catches bugs hidden by weights that
    /// are still zero at the given point.
    /// </summary>
    /// <param name="function">The scalar function. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient.</param>
    /// <param name="point">The given point; restored bit-exactly.</param>
    /// <param name="nearbyPoints">How many nearby points to check besides the given one.</param>
    /// <param name="options">Options of every check (<see cref="GradientCheckOptions.Seed"/> also seeds the nearby points).</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static GradientReport RunNearby(Func<double[], double> function, Func<double[], double[]> gradient, double[] point, int nearbyPoints = 3, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunNearby<double>(function, gradient, point, nearbyPoints, options, cancellationToken);

    /// <inheritdoc cref="RunNearby(Func{double[], double}, Func{double[], double[]}, double[], int, GradientCheckOptions?, CancellationToken)"/>
    public static GradientReport RunNearby(Func<float[], float> function, Func<float[], float[]> gradient, float[] point, int nearbyPoints = 3, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunNearby<float>(function, gradient, point, nearbyPoints, options, cancellationToken);

    /// <summary>The nearby-points check for any IEEE floating-point element type.</summary>
    public static GradientReport RunNearby<T>(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, int nearbyPoints, GradientCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentOutOfRangeException.ThrowIfNegative(nearbyPoints);
        options = Preconditions.ValidOptions(options); // once for every point
        var given = ScalarCheck<T>.Run(function, gradient, point, options, cancellationToken);
        var reports = new List<(string Label, GradientReport Report)> { ("", given) };
        var skipped = new List<string>();
        var points = NearbyPoints.Around(point, nearbyPoints, options.EffectiveSeed, NearbyPoints.DefaultSpread);
        for (int j = 0; j < points.Length; j++)
        {
            string label = string.Create(CultureInfo.InvariantCulture, $"nearby {j + 1}");
            try
            {
                reports.Add((label, ScalarCheck<T>.Run(function, gradient, points[j], options, cancellationToken)));
            }
            catch (NotFiniteAtPointException e)
            {
                // f is not finite there (outside its domain): that point says nothing about the gradient.
                skipped.Add($"{label} was skipped: {e.Message}");
            }
        }
        return NearbyMerge.Merge(reports, skipped, nearbyPoints, options.EffectiveSeed);
    }
}
