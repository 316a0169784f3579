using System.Numerics;
using GradCheck.Internal;

namespace GradCheck.Fast;

/// <summary>
/// The analytic side of a fast check: the claimed derivative along a direction segment and along single
/// coordinates. A gradient answers from its entries; a Jacobian-vector product answers by being called.
/// Called from one thread only, so user callbacks behind it need not be thread-safe.
/// </summary>
internal interface IDirectionalAnalytic
{
    /// <summary>The claimed directional derivative along <paramref name="segment"/>, and Σ|g_i·d_i| (the scale of its rounding).</summary>
    (double Value, double Magnitude) Along(DirectionSegment segment);

    /// <summary>The claimed partial derivative along coordinate <paramref name="index"/>.</summary>
    double Entry(int index);

    /// <summary>The largest |entry| known: backprop's rounding is relative to it (see ErrorBudget).</summary>
    IReadOnlyList<double> KnownEntries { get; }
}

/// <summary>The analytic side when the whole gradient is at hand (read in place, see <see cref="GradientValues{T}"/>).</summary>
internal sealed class GradientAnalytic<T>(GradientValues<T> gradient) : IDirectionalAnalytic where T : IFloatingPointIeee754<T>
{
    public (double Value, double Magnitude) Along(DirectionSegment segment)
    {
        var direction = segment.Direction;
        var sum = new CompensatedSum();
        double magnitude = 0;
        for (int p = segment.Start; p < segment.End; p++)
        {
            double term = direction.Sign(p) * gradient[direction.Coordinate(p)];
            sum.Add(term);
            magnitude += Math.Abs(term);
        }
        return (sum.Value, magnitude);
    }

    public double Entry(int index) => gradient[index];

    public IReadOnlyList<double> KnownEntries => gradient;
}
