using System.Numerics;

namespace GradCheck.Benchmarks.Verdicts;

/// <summary>The three rules compared: GradCheck's defaults, the classic central-difference rule and PyTorch gradcheck's fixed rule.</summary>
public enum Rule
{
    GradCheck,
    Seed,
    PyTorch,
}

/// <summary>Entry flags of one rule on one case, and the evaluations it spent.</summary>
/// <param name="Flagged">Per entry: the rule calls it wrong.</param>
/// <param name="Evaluations">Calls of f the rule made.</param>
/// <param name="Inconclusive">GradCheck only: entries the report warned it could not resolve (tolerance ≥ the values).</param>
public sealed record RuleOutcome(bool[] Flagged, int Evaluations, bool[]? Inconclusive = null);

/// <summary>
/// The fixed rules, written out as bare loops like a hand-written <c>_numerical_grad</c>: central differences
/// perturbing the point in place, in the element type, with a nominal step.
/// </summary>
public static class FixedRules
{
    /// <summary>The seed: central, h = 1e-3; flag when |a−n| / max(|a|,|n|) &gt; 1e-3 (two zeros pass; NaN flags).</summary>
    public static RuleOutcome Seed<T>(Func<T[], T> f, T[] point, double[] analytic) where T : IFloatingPointIeee754<T> =>
        Apply(f, point, analytic, 1e-3, (a, n) =>
        {
            double larger = Math.Max(Math.Abs(a), Math.Abs(n));
            return !double.IsFinite(n) || (larger > 0 && Math.Abs(a - n) / larger > 1e-3);
        });

    /// <summary>PyTorch gradcheck's defaults: central, eps = 1e-6; flag when |a−n| &gt; 1e-5 + 1e-3·|n| (NaN flags).</summary>
    public static RuleOutcome PyTorch<T>(Func<T[], T> f, T[] point, double[] analytic) where T : IFloatingPointIeee754<T> =>
        Apply(f, point, analytic, 1e-6, (a, n) => !(Math.Abs(a - n) <= 1e-5 + 1e-3 * Math.Abs(n)), extraEvaluations: 1);

    /// <summary>The classic numerical gradient: (f(x+h) − f(x−h)) / 2h per coordinate.</summary>
    public static double[] NumericalGradient<T>(Func<T[], T> f, T[] x, double h) where T : IFloatingPointIeee754<T>
    {
        var grad = new double[x.Length];
        T step = T.CreateChecked(h);
        for (int i = 0; i < x.Length; i++)
        {
            T orig = x[i];
            x[i] = orig + step;
            double fp = double.CreateChecked(f(x));
            x[i] = orig - step;
            double fm = double.CreateChecked(f(x));
            x[i] = orig;
            grad[i] = (fp - fm) / (2.0 * h);
        }
        return grad;
    }

    private static RuleOutcome Apply<T>(Func<T[], T> f, T[] point, double[] analytic, double h, Func<double, double, bool> flag, int extraEvaluations = 0)
        where T : IFloatingPointIeee754<T>
    {
        var numeric = NumericalGradient(f, (T[])point.Clone(), h);
        return new RuleOutcome(numeric.Select((n, i) => flag(analytic[i], n)).ToArray(), 2 * point.Length + extraEvaluations);
    }
}
