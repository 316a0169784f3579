using System.Globalization;
using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// Randomness inside f (dropout) refused: finite differences of a function that returns different values at
/// the same point measure its noise, so such a function is refused before any entry is checked.
/// </summary>
internal static class DeterminismCheck
{
    public static void Verify<T>(Func<T[], T> function, T[] point, T[] snapshot, double f0, double tolerance, EvaluationCounter counter)
        where T : IFloatingPointIeee754<T>
    {
        ThrowIfModified(point, snapshot);
        for (int repeat = 1; repeat < GradientCheckDefaults.DeterminismEvaluations; repeat++)
        {
            double again;
            try
            {
                again = double.CreateChecked(UserCode.Invoke(() => function(point), "The function", "when evaluated again at the unperturbed point"));
            }
            finally
            {
                counter.Count++;
            }
            ThrowIfModified(point, snapshot);
            if (!Same(f0, again, tolerance)) throw new NonDeterministicFunctionException(Message(f0, again, tolerance));
        }
    }

    /// <summary>Two values of f at the same point agree: bit-identical, or within the declared tolerance.</summary>
    internal static bool Same(double first, double second, double tolerance) =>
        tolerance == 0 ? first.Equals(second) || (double.IsNaN(first) && double.IsNaN(second)) : Math.Abs(second - first) <= tolerance;

    /// <summary>
    /// Repeats f at the point until the check has made <paramref name="target"/> evaluations in all, each repeat
    /// required to reproduce f(point). Randomness that strikes rarely (dropout on 2 % of calls) shows only in enough
    /// calls: every evaluation the check made already had its chance to look wrong; these top up the small checks.
    /// </summary>
    public static void TopUp<T>(Func<T[], T> function, T[] point, T[] snapshot, double f0, double tolerance, int made, int target, EvaluationCounter counter)
        where T : IFloatingPointIeee754<T>
    {
        for (int repeat = made; repeat < target; repeat++)
        {
            double again;
            try
            {
                again = double.CreateChecked(UserCode.Invoke(() => function(point), "The function", "when evaluated again at the unperturbed point"));
            }
            finally
            {
                counter.Count++;
                snapshot.CopyTo(point, 0);
            }
            if (!Same(f0, again, tolerance))
                throw new NonDeterministicFunctionException(
                    string.Create(CultureInfo.InvariantCulture, $"The function gave a different value at the unperturbed point on evaluation {repeat + 1}: ")
                    + Message(f0, again, tolerance));
        }
    }

    /// <summary>A function that writes into its input changes the point under the check's feet: refuse it clearly.</summary>
    private static void ThrowIfModified<T>(T[] point, T[] snapshot) where T : IFloatingPointIeee754<T>
    {
        int i = CheckInputs.FirstDifference(point, snapshot);
        if (i < 0) return;
        throw new PointModifiedException(string.Create(CultureInfo.InvariantCulture,
            $"The function modified the point it was given (point[{i}] changed from {snapshot[i]} to {point[i]}). ")
            + "Finite differences perturb the point in place, so the function must treat it as read-only; copy it inside the function if it needs scratch space.");
    }

    internal static string Message(double first, double second, double tolerance) => string.Create(CultureInfo.InvariantCulture,
        $"The function is not deterministic: two evaluations at the same point gave {first:G17} and {second:G17} (difference {Math.Abs(second - first):G3}, allowed {tolerance:G3}).")
        + " Gradient checking compares tiny differences of f, "
        + "so randomness inside f (dropout, random sampling, data shuffling, noise layers) swamps the derivative. "
        + "Fix it for the check: put the model in evaluation mode (dropout off), or replay the randomness: re-seed your random generator "
        + "before every evaluation (a gradient check's GradientCheckOptions.BeforeEvaluation runs before each one) so every call draws the same numbers, or use a fixed mini-batch. "
        + "If f is deterministic up to a known noise (e.g. parallel reductions), set NondeterminismTolerance to that noise in this check's options (every options record has it: CheckOptions).";
}
