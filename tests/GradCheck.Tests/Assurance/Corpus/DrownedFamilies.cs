using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>
/// Correct gradients of functions whose rounding drowns every derivative: the numerics cannot resolve an error of any
/// size that matters, so the honest outcome is Inconclusive; Passed would claim a check that never happened, and
/// Failed would blame a correct gradient.
/// </summary>
public static class DrownedFamilies
{
    public const string Group = "drowned";

    public static IEnumerable<IAssuranceCase> For(int seed, int n)
    {
        foreach (var loss in SmoothLosses.All(seed, n))
        {
            // ulp(1e17) = 16 in double and ulp(1e7) = 1 in float32: far above any change of an O(1) loss.
            yield return Offset<double>(loss, seed, 1e17, "1e17 + loss in double");
            yield return Offset<float>(loss, seed, 1e7, "1e7 + loss in float32");
        }
        var saturated = new SaturatedLoss(n, seed);
        yield return Case<float>(saturated, seed, "saturated loss in float32 (constant near the point)", () => saturated.Evaluate);
    }

    private static AssuranceCase<T> Offset<T>(SmoothLoss loss, int seed, double offset, string family) where T : IFloatingPointIeee754<T>
    {
        T constant = T.CreateChecked(offset);
        return Case<T>(loss, seed, family, () => x => constant + loss.Evaluate(x));
    }

    private static AssuranceCase<T> Case<T>(SmoothLoss loss, int seed, string family, Func<Func<T[], T>> newFunction) where T : IFloatingPointIeee754<T> =>
        new(Group, family, CaseName.Of(family, loss.Name, seed), Expectation.Inconclusive, newFunction, loss.Gradient, loss.PointAs<T>());
}
