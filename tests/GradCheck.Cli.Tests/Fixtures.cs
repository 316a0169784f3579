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
}
