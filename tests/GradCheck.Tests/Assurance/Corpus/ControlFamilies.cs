using GradCheck.Tests.Support;

namespace GradCheck.Tests.Assurance;

/// <summary>
/// Cases a checker must pass: deterministic, smooth wherever a small enough step looks, and with the correct gradient.
/// They keep the refusal families honest: refusing everything would meet those, and fail these.
/// </summary>
public static class ControlFamilies
{
    public const string Group = "control";

    /// <summary>How far the controls' jump and kink sit from the point: far beyond the smallest steps, inside the first ones.</summary>
    private const double Distance = 0.03;

    /// <summary>Rows of the float32 losses whose rounding is large but only rounding.</summary>
    public const int LargeBatch = 5_000;

    public static IEnumerable<IAssuranceCase> For(int seed, int n)
    {
        var random = RandomStream.For("control side", seed);
        foreach (var loss in SmoothLosses.All(seed, n))
        {
            int j = seed % loss.Dimension;
            double xj = loss.Point[j];
            double side = random.Next(2) * 2 - 1;
            yield return new AssuranceCase<double>(Group, "base loss alone", CaseName.Of("base loss alone", loss.Name, seed), Expectation.Passes,
                () => loss.Evaluate, loss.Gradient, loss.Point);
            yield return Discontinuity.Step(1, at: xj + side * Distance).AddTo(loss, j, loss.Point, Group, "step of 1, 0.03 away", seed, Expectation.Passes);
            // ⌊4x⌋ at k/4 + 0.21: 0.04 below the next jump and 0.21 above the last.
            var between = Vectors.With(loss.Point, j, Math.Floor(4 * xj) / 4 + 0.21);
            yield return Discontinuity.Floor4().AddTo(loss, j, between, Group, "floor(4x) 0.04 from a jump", seed, Expectation.Passes);
            yield return Discontinuity.Kink(xj + side * Distance).AddTo(loss, j, loss.Point, Group, "kink |x − c|, 0.03 away", seed, Expectation.Passes);
        }

        var squares = new LeastSquaresLoss(n, seed, rows: LargeBatch);
        yield return Float(seed, "float32 least squares, 5,000 rows", squares.Name, () => squares.Evaluate, squares.Gradient, squares.PointAs<float>());
        var softmax = FloatProblems.SoftmaxCrossEntropy(3, Math.Max(1, n / 3), LargeBatch, seed);
        yield return Float(seed, "float32 softmax cross-entropy, 5,000 samples", softmax.Name, () => softmax.F, softmax.Gradient, softmax.Point);
    }

    private static AssuranceCase<float> Float(int seed, string family, string loss, Func<Func<float[], float>> newFunction, Func<float[], float[]> gradient, float[] point) =>
        new(Group, family, CaseName.Of(family, loss, seed), Expectation.Passes, newFunction, gradient, point);
}
