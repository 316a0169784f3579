using System.Globalization;
using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// Calls of the user's function and gradient at the point, shared by every scalar check: exceptions name where they
/// happened (<see cref="UserCode"/>), a value that is not finite or a gradient of the wrong length is refused, and a
/// point the gradient wrote into is restored.
/// </summary>
internal static class CheckInputs
{
    /// <summary>f(x) as a double, counted; an exception from f becomes a <see cref="FunctionEvaluationException"/> saying where.</summary>
    public static double Value<T>(Func<T[], T> function, T[] x, EvaluationCounter counter, string where)
        where T : IFloatingPointIeee754<T>
    {
        try
        {
            return double.CreateChecked(UserCode.Invoke(() => function(x), "The function", $"at {where}"));
        }
        finally
        {
            counter.Count++;
        }
    }

    /// <summary>
    /// The gradient at <paramref name="point"/> as doubles. A gradient that wrote into the point is tolerated: the point
    /// is restored from <paramref name="snapshot"/>, and said in <paramref name="warnings"/> when the check reports warnings.
    /// </summary>
    public static double[] Gradient<T>(Func<T[], T[]> gradient, T[] point, T[] snapshot, List<string>? warnings = null, string where = "the unperturbed point")
        where T : IFloatingPointIeee754<T> =>
        ToDouble(GradientArray(gradient, point, snapshot, warnings, where));

    /// <summary>
    /// The array the gradient returned at <paramref name="point"/>, checked for length but not copied (see
    /// <see cref="GradientValues{T}"/>); otherwise as <see cref="Gradient{T}"/>.
    /// </summary>
    public static T[] GradientArray<T>(Func<T[], T[]> gradient, T[] point, T[] snapshot, List<string>? warnings = null, string where = "the unperturbed point")
        where T : IFloatingPointIeee754<T>
    {
        T[]? result;
        try
        {
            result = UserCode.Invoke(() => gradient(point), "The gradient", $"at {where}");
            if (warnings is not null && !BitIdentical(point, snapshot))
                warnings.Add("The gradient function modified the point it was given; the point was restored before checking.");
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
        if (result is null)
            throw new ArgumentException("The gradient function returned null; it must return one entry per coordinate of the point.", nameof(gradient));
        if (result.Length != point.Length)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The gradient has {result.Length} entries but the point has {point.Length} coordinates; they must have the same length."),
                nameof(gradient));
        return result;
    }

    /// <summary>
    /// f at the point, which must be finite: a NaN or infinite value has no derivative, and the check says so before
    /// anything else (<see cref="NotFiniteAtPointException"/>).
    /// </summary>
    /// <param name="value">The value at the point.</param>
    /// <param name="what">How to write it: "f(point)", "f(point)[2]", "the gradient at the point".</param>
    public static void RequireFinite(double value, string what)
    {
        if (double.IsFinite(value)) return;
        throw new NotFiniteAtPointException(string.Create(CultureInfo.InvariantCulture,
            $"{what} = {value}: the function is not finite at the point to check, so it has no derivative there. ")
            + "Check the inputs (a log or division at 0?) or move the point into the function's domain.");
    }

    /// <summary>Equal element by element, NaN equal to NaN: the test that the code under test left its input alone.</summary>
    public static bool BitIdentical<T>(T[] a, T[] b) where T : IFloatingPointIeee754<T> => FirstDifference(a, b) < 0;

    /// <summary>The first index where the arrays differ (NaN equal to NaN), or −1: what a "modified" message names.</summary>
    public static int FirstDifference<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Length; i++)
            if (!a[i].Equals(b[i]) && !(T.IsNaN(a[i]) && T.IsNaN(b[i]))) return i;
        return -1;
    }

    public static double[] ToDouble<T>(T[] values) where T : IFloatingPointIeee754<T> =>
        Array.ConvertAll(values, v => double.CreateChecked(v));

    /// <summary>The distance from 1 to the next larger value of T, as a double.</summary>
    public static double Epsilon<T>() where T : IFloatingPointIeee754<T> =>
        double.CreateChecked(CoordinateProbe<T>.MachineEpsilon());

    public static string ElementTypeName<T>() where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? "double" : typeof(T) == typeof(float) ? "float" : typeof(T).Name;

    /// <summary>The fraction of the point's coordinates that are exactly zero (the warnings say when many are).</summary>
    public static double ZeroFraction<T>(T[] point) where T : IFloatingPointIeee754<T> => point.Length == 0 ? 0 : (double)point.Count(T.IsZero) / point.Length;
}
