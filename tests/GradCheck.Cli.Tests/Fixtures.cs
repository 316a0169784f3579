namespace GradCheck.Cli.Tests;

/// <summary>
/// [GradientCheckCase] methods for `gradcheck run` tests: the test assembly itself is the "user assembly".
/// Every name starts with "fixture-" so tests select them with filters.
/// </summary>
public static class Fixtures
{
    [GradientCheckCase(Description = "a quadratic with its exact gradient")]
    public static CheckCase Passing() => CheckCase.Function(
        "fixture-pass", x => x[0] * x[0] + 3 * x[1], x => [2 * x[0], 3], [0.5, -1.0]);

    [GradientCheckCase(Description = "a gradient missing its factor 2")]
    public static CheckCase Buggy() => CheckCase.Function(
        "fixture-bug", x => x[0] * x[0], x => [x[0]], [0.5]);

    [GradientCheckCase(Name = "fixture-planted", ExpectFailure = true)]
    public static CheckCase Planted() => CheckCase.Function(
        "ignored", x => x[0] * x[0], x => [x[0]], [0.5]);

    [GradientCheckCase]
    public static IEnumerable<CheckCase> Many() =>
        new[] { 1.0, 2.0 }.Select(a => CheckCase.Function($"fixture-many-{a}", x => a * Math.Sin(x[0]), x => [a * Math.Cos(x[0])], new[] { 0.3 }));

    [GradientCheckCase(Name = "fixture-throws")]
    public static CheckCase Throws() => CheckCase.Create("fixture-throws", (_, _) => throw new InvalidOperationException("boom"));

    [GradientCheckCase(Name = "fixture-bad-signature")]
    public static CheckCase BadSignature(int unused) => throw new NotSupportedException();

    [GradientCheckCase(Name = "fixture-float")]
    public static CheckCase Float() => CheckCase.Function("fixture-float", x => x[0] * x[0] * x[0], x => [3 * x[0] * x[0]], new[] { 1.5f });

    // 1e10 + 1e-9·x₀ + 1e-9·x₁² with its exact gradient: f's rounding drowns both derivatives, so nothing fails and nothing is resolved.
    private static double Drowned(double[] x) => 1e10 + 1e-9 * x[0] + 1e-9 * x[1] * x[1];

    private static double[] DrownedGradient(double[] x) => [1e-9, 2e-9 * x[1]];

    [GradientCheckCase(Description = "a right gradient drowned in f's rounding: inconclusive")]
    public static CheckCase Inconclusive() => CheckCase.Function("fixture-drowned", Drowned, DrownedGradient, [0.3, 0.7]);

    [GradientCheckCase(Description = "the drowned gradient, with AcceptInconclusive set by the case")]
    public static CheckCase AcceptedInconclusive() => CheckCase.Create("fixture-accepted-drowned", (options, cancellation) =>
    {
        var report = GradientCheck.Run(Drowned, DrownedGradient, new[] { 0.3, 0.7 }, options with { AcceptInconclusive = true }, cancellation);
        return new CheckCaseResult([new CheckGroup("x", [2], report)]);
    });

    [GradientCheckCase(Name = "fixture-drowned-planted", ExpectFailure = true)]
    public static CheckCase InconclusivePlanted() => CheckCase.Function(
        "ignored", Drowned, x => DrownedGradient(x).Select(v => 2 * v).ToArray(), [0.3, 0.7]);

    [GradientCheckCase(Description = "15 entries all missing their factor 2: more failures than a report lists")]
    public static CheckCase ManyWrong() => CheckCase.Function(
        "fixture-many-wrong", x => x.Sum(v => v * v), x => x.ToArray(), Enumerable.Range(1, 15).Select(i => i / 10.0).ToArray());
}
