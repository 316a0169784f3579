using System.Globalization;
using System.Numerics;

namespace GradCheck.Internal;

/// <summary>Argument checks that throw at once and say what to do.</summary>
internal static class PointValidation
{
    public static void Validate<T>(T[] point) where T : IFloatingPointIeee754<T>
    {
        if (point.Length == 0)
            throw new ArgumentException("The point is empty: pass the parameters at which to check the gradient (at least one coordinate).", nameof(point));
        for (int i = 0; i < point.Length; i++)
            if (!T.IsFinite(point[i]))
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"point[{i}] is {point[i]}; every coordinate must be finite to take finite differences."),
                    nameof(point));
    }
}
