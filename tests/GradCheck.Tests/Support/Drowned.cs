namespace GradCheck.Tests.Support;

/// <summary>
/// A function whose rounding drowns every derivative: f(x) = 1e10 + 1e-9·x₀ + 1e-9·x₁² in double. f's rounding
/// (~1e-6) is far above any change the 1e-9 derivatives make at a step the estimator can take, so a correct
/// gradient can be neither confirmed nor refuted: every entry is Inconclusive.
/// </summary>
internal static class Drowned
{
    public static double[] Point => [0.3, 0.7];

    public static double F(double[] x) => 1e10 + 1e-9 * x[0] + 1e-9 * x[1] * x[1];

    /// <summary>The exact gradient.</summary>
    public static double[] Gradient(double[] x) => [1e-9, 2e-9 * x[1]];
}
