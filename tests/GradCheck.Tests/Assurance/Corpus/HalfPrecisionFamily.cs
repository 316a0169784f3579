namespace GradCheck.Tests.Assurance;

/// <summary>
/// A sum of 8 tanh terms computed in <see cref="Half"/> (ε ≈ 1e-3) with a 5 % error planted in one material entry:
/// Half's rounding makes a 5 % error hard to resolve, and a checker that cannot resolve it must not say Passed.
/// </summary>
public static class HalfPrecisionFamily
{
    public const string Group = "Half precision";

    /// <summary>Entries at least this fraction of the largest can carry the planted error: a 5 % error in them is material.</summary>
    private const double MaterialFraction = 0.3;

    public static IEnumerable<IAssuranceCase> For(int seed, int n)
    {
        var loss = new TanhSumLoss(n, seed);
        var exact = loss.Gradient(loss.Point);
        double largest = exact.Max(Math.Abs);
        var material = Enumerable.Range(0, n).Where(i => Math.Abs(exact[i]) >= MaterialFraction * largest).ToArray();
        int k = material[seed % material.Length];
        const string family = "Half tanh sum, one entry off 5 %";
        yield return new AssuranceCase<Half>(Group, family, CaseName.Of(family, $"{loss.Name}, x[{k}]", seed), Expectation.NotPassed,
            () => loss.Evaluate,
            x =>
            {
                var g = loss.Gradient(x);
                g[k] = (Half)((double)g[k] * 1.05);
                return g;
            },
            loss.PointAs<Half>());
    }
}
