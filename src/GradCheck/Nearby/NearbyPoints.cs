using System.Numerics;
using GradCheck.Internal;

namespace GradCheck;

/// <summary>
/// Random points near a given one, each coordinate moved in proportion to its own magnitude; coordinates that
/// are exactly zero are moved by the typical magnitude of the others. A gradient bug multiplied by a weight
/// that is still zero (a freshly initialised bias, a zero-initialised layer) is invisible at the point itself
/// and shows at these points. Use them with any check:
/// <c>foreach (var p in NearbyPoints.Around(w, 3)) TaylorTest.Run(f, g, p).ThrowIfFailed();</c>
/// </summary>
public static class NearbyPoints
{
    /// <summary>The default relative size of the move: 10 % of each coordinate's magnitude (one standard deviation).</summary>
    public const double DefaultSpread = 0.1;

    /// <summary>
    /// <paramref name="count"/> points x + spread·zᵢ·sᵢ with zᵢ ~ N(0, 1), sᵢ = |xᵢ|, or the root mean square
    /// of the nonzero coordinates where xᵢ = 0 (1 when all are zero). New arrays; the point is not modified.
    /// </summary>
    /// <param name="point">The point to move away from.</param>
    /// <param name="count">How many points.</param>
    /// <param name="seed">Seed of the random moves; null: a fixed default, so runs are reproducible.</param>
    /// <param name="spread">Size of the move relative to each coordinate's scale.</param>
    public static double[][] Around(double[] point, int count, int? seed = null, double spread = DefaultSpread) =>
        Around<double>(point, count, seed, spread);

    /// <inheritdoc cref="Around(double[], int, int?, double)"/>
    public static float[][] Around(float[] point, int count, int? seed = null, double spread = DefaultSpread) =>
        Around<float>(point, count, seed, spread);

    /// <inheritdoc cref="Around(double[], int, int?, double)"/>
    public static T[][] Around<T>(T[] point, int count, int? seed, double spread) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(spread > 0) || !double.IsFinite(spread))
            throw new ArgumentOutOfRangeException(nameof(spread), spread, "The spread must be a finite number > 0, e.g. 0.1 for moves of 10 % of each coordinate.");
        var random = new Random(seed ?? GradientCheckDefaults.Seed);
        var x = CheckInputs.ToDouble(point);
        var result = new T[count][];
        for (int j = 0; j < count; j++)
        {
            var direction = PerturbationScale.Direction(x, random);
            result[j] = new T[x.Length];
            for (int i = 0; i < x.Length; i++) result[j][i] = T.CreateChecked(x[i] + spread * direction[i]);
        }
        return result;
    }
}
