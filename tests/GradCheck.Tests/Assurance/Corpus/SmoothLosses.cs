namespace GradCheck.Tests.Assurance;

/// <summary>The base losses every family is built on, for one seed and size.</summary>
public static class SmoothLosses
{
    public static IEnumerable<SmoothLoss> All(int seed, int n) =>
    [
        new SoftmaxMlpLoss(n, seed),
        new LeastSquaresLoss(n, seed),
        new TanhSumLoss(n, seed),
    ];
}
