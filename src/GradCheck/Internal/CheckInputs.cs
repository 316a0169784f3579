using System.Globalization;
using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// Calls of the user's function and gradient for the checks beside the core one (descent, Taylor, exact,
/// Hessian): exceptions name where they happened, a gradient of the wrong length is refused, and a point the
/// gradient wrote into is restored.
/// </summary>
internal static class CheckInputs
{
    /// <summary>f(x) as a double, counted; an exception from f becomes a <see cref="FunctionEvaluationException"/> saying where.</summary>
    public static double Value<T>(Func<T[], T> function, T[] x, EvaluationCounter counter, string where)
        where T : IFloatingPointIeee754<T>
    {
        try
        {
            return double.CreateChecked(function(x));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FunctionEvaluationException($"The function threw {e.GetType().Name} at {where}: {e.Message}", e, null);
        }
        finally
        {
            counter.Count++;
        }
    }

    /// <summary>The gradient at <paramref name="point"/> as doubles; restores the point from <paramref name="snapshot"/> if the gradient changed it.</summary>
    public static double[] Gradient<T>(Func<T[], T[]> gradient, T[] point, T[] snapshot, string where = "the unperturbed point")
        where T : IFloatingPointIeee754<T>
    {
        T[]? result;
        try
        {
            result = gradient(point);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FunctionEvaluationException($"The gradient threw {e.GetType().Name} at {where}: {e.Message}", e, null);
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
        return ToDouble(result);
    }

    public static double[] ToDouble<T>(T[] values) where T : IFloatingPointIeee754<T> =>
        Array.ConvertAll(values, v => double.CreateChecked(v));

    /// <summary>The distance from 1 to the next larger value of T, as a double.</summary>
    public static double Epsilon<T>() where T : IFloatingPointIeee754<T> =>
        double.CreateChecked(CoordinateProbe<T>.MachineEpsilon());

    public static string ElementTypeName<T>() where T : IFloatingPointIeee754<T> => GradientChecker<T>.ElementTypeName();
}
