namespace GradCheck.Tests.Assurance;

/// <summary>
/// A non-smooth term in one coordinate j added to a base loss, with the gradient that is correct wherever the term is
/// smooth. Where it sits relative to the point decides the family: at the point (a jump the check must fail) or a
/// clear distance away (a control the check must pass).
/// </summary>
public sealed record Discontinuity(Func<double, double> Term, Func<double, double> Derivative)
{
    /// <summary>size·[x ≥ at]: a jump of <paramref name="size"/> at <paramref name="at"/> (right-continuous, as x ≥ 0 tests are written).</summary>
    public static Discontinuity Step(double size, double at) => new(x => x >= at ? size : 0, _ => 0);

    /// <summary>⌊4x⌋: jumps of 1 at every multiple of 1/4.</summary>
    public static Discontinuity Floor4() => new(x => Math.Floor(4 * x), _ => 0);

    /// <summary>|x − at|: a kink, with the one-sided derivative on each side.</summary>
    public static Discontinuity Kink(double at) => new(x => Math.Abs(x - at), x => Math.Sign(x - at));

    /// <summary>loss(x) + term(x_j), checked at <paramref name="point"/>.</summary>
    public AssuranceCase<double> AddTo(SmoothLoss loss, int j, double[] point, string group, string family, int seed, Expectation expected) =>
        new(group, family, CaseName.Of(family, $"{loss.Name}, x[{j}] = {point[j]:G6}", seed), expected,
            () => x => loss.Evaluate(x) + Term(x[j]),
            x => Vectors.Add(loss.Gradient(x), Vectors.Unit(x.Length, j, Derivative(x[j]))),
            point, j);
}
