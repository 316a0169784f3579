using GradCheck.Samples;

namespace GradCheck.Cli.Tests;

/// <summary>
/// [GradientCheckCase] methods of every check kind besides plain gradients, each right and with a planted bug, for
/// <c>gradcheck run</c> tests. Names start with "kinds-" so that the "fixture-*" tests do not see them. Every derivative
/// is exact by hand: f(x) = x₀²·x₁ + x₁³ + 3·x₀ (gradient, Hessian) and y(x) = (x₀·x₁, sin x₀, x₁²) (Jacobian).
/// </summary>
public static class CheckKindFixtures
{
    private static readonly double[] Point = [0.7, -0.4];

    private static double F(double[] x) => x[0] * x[0] * x[1] + x[1] * x[1] * x[1] + 3 * x[0];

    private static double[] Gradient(double[] x) => [2 * x[0] * x[1] + 3, x[0] * x[0] + 3 * x[1] * x[1]];

    /// <summary>∂f/∂x₀ missing its factor 2 on the x₀·x₁ term.</summary>
    private static double[] WrongGradient(double[] x) => [x[0] * x[1] + 3, x[0] * x[0] + 3 * x[1] * x[1]];

    private static double[] Y(double[] x) => [x[0] * x[1], Math.Sin(x[0]), x[1] * x[1]];

    private static double[,] Jacobian(double[] x) => new[,] { { x[1], x[0] }, { Math.Cos(x[0]), 0 }, { 0, 2 * x[1] } };

    /// <summary>H = [[2x₁, 2x₀], [2x₀, 6x₁]].</summary>
    private static double[] HessianTimes(double[] x, double[] v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0] + 6 * x[1] * v[1]];

    [GradientCheckCase(Description = "Taylor test of an exact gradient")]
    public static CheckCase TaylorPass() => CheckCase.Taylor("kinds-taylor-pass", F, Gradient, Point);

    [GradientCheckCase(Description = "Taylor test of a gradient missing a factor 2", ExpectFailure = true)]
    public static CheckCase TaylorBug() => CheckCase.Taylor("kinds-taylor-bug", F, WrongGradient, Point);

    [GradientCheckCase(Description = "Taylor test of a gradient missing a factor 2, declared as if right")]
    public static CheckCase TaylorUnexpectedBug() => CheckCase.Taylor("kinds-taylor-unexpected-bug", F, WrongGradient, Point);

    [GradientCheckCase(Description = "Taylor test of a right gradient drowned in f's rounding: inconclusive")]
    public static CheckCase TaylorDrowned() => CheckCase.Taylor("kinds-taylor-drowned", x => 1e10 + 1e-9 * x[0] + 1e-9 * x[1] * x[1], x => [1e-9, 2e-9 * x[1]], [0.3, 0.7]);

    [GradientCheckCase(Description = "descent check of an exact gradient")]
    public static CheckCase DescentPass() => CheckCase.Descent("kinds-descent-pass", F, Gradient, Point);

    [GradientCheckCase(Description = "descent check of half the gradient: the loss still goes down, the check fails", ExpectFailure = true)]
    public static CheckCase DescentBug() => CheckCase.Descent("kinds-descent-bug", F, x => Gradient(x).Select(g => g / 2).ToArray(), Point);

    [GradientCheckCase(Description = "full Jacobian of y(x) = (x₀·x₁, sin x₀, x₁²)")]
    public static CheckCase JacobianPass() => CheckCase.Jacobian("kinds-jacobian-pass", Y, Jacobian, Point);

    [GradientCheckCase(Description = "the Jacobian with ∂y₂/∂x₁ = x₁ instead of 2x₁", ExpectFailure = true)]
    public static CheckCase JacobianBug() => CheckCase.Jacobian("kinds-jacobian-bug", Y, x =>
    {
        var j = Jacobian(x);
        j[2, 1] = x[1];
        return j;
    }, Point);

    [GradientCheckCase(Description = "a backward pass that adds 0.001 to every component: vᵀJ is no longer linear in v", ExpectFailure = true)]
    public static CheckCase VjpBrokenContract() => CheckCase.Vjp("kinds-vjp-contract", Y, (x, v) =>
    {
        var j = Jacobian(x);
        return [v[0] * j[0, 0] + v[1] * j[1, 0] + v[2] * j[2, 0] + 1e-3, v[0] * j[0, 1] + v[1] * j[1, 1] + v[2] * j[2, 1] + 1e-3];
    }, Point);

    [GradientCheckCase(Description = "Hessian-vector product of f")]
    public static CheckCase HessianPass() => CheckCase.Hessian("kinds-hessian-pass", Gradient, HessianTimes, Point);

    /// <summary>Along e₀ and e₁, so that H·v is a column of H: H·e₁ = (2x₀, 6x₁) = (1.4, −2.4), the bug claims (1.4, −1.2).</summary>
    [GradientCheckCase(Description = "Hessian-vector product with ∂²f/∂x₁² = 3x₁ instead of 6x₁", ExpectFailure = true)]
    public static CheckCase HessianBug() => CheckCase.Hessian("kinds-hessian-bug", Gradient,
        (x, v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0] + 3 * x[1] * v[1]], Point,
        new HessianCheckOptions { Directions = [[1.0, 0.0], [0.0, 1.0]] });

    [GradientCheckCase(Description = "a whole-model report wrapped as one group: a report kind the tool shows as text", ExpectFailure = true)]
    public static CheckCase OtherReport() =>
        CheckCase.Create("kinds-other-report", (options, cancellation) => ModelCheck.Run(new SoftmaxMlp<double>(bug: PlantedBug.TransposedWeightGradient), options, cancellation));
}
