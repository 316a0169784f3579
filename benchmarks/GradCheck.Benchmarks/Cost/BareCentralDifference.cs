namespace GradCheck.Benchmarks.Cost;

/// <summary>
/// The baseline: the classic hand-written check (<c>_numerical_grad</c> with central differences, then the relative
/// error per entry), doing the same calls of f and of the gradient as the checker it is compared with.
/// </summary>
public static class BareCentralDifference
{
    /// <summary>
    /// f at the point twice (plus <paramref name="extraEvaluations"/>) and the gradient twice (as the checker's determinism,
    /// noise and reentrancy checks do), then
    /// <paramref name="differencesPerCoordinate"/> central differences per coordinate with halving steps from
    /// <paramref name="firstStep"/>; returns the worst relative error against the last difference.
    /// </summary>
    public static double Check(Func<double[], double> f, Func<double[], double[]> gradient, double[] x, double firstStep, IReadOnlyList<int> differencesPerCoordinate, int extraEvaluations = 0)
    {
        double f0 = f(x), again = f(x);
        if (f0 != again) throw new InvalidOperationException("not deterministic");
        // The adaptive check also measures f's rounding noise once (a few evaluations next to the point).
        for (int k = 0; k < extraEvaluations; k++) again = Math.Max(again, f(x));
        var analytic = gradient(x);
        _ = gradient(x);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double orig = x[i], numeric = 0, h = firstStep;
            for (int k = 0; k < differencesPerCoordinate[i]; k++, h /= 2)
            {
                x[i] = orig + h;
                double fp = f(x);
                x[i] = orig - h;
                double fm = f(x);
                x[i] = orig;
                numeric = (fp - fm) / (2.0 * h);
            }
            double larger = Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric));
            if (larger > 0) worst = Math.Max(worst, Math.Abs(analytic[i] - numeric) / larger);
        }
        return worst;
    }
}
