using GradCheck.FiniteDifferences;

namespace GradCheck.Benchmarks.Accuracy;

/// <summary>A finite-difference method as the accuracy tables compare them: a fixed scheme and step, or the adaptive default.</summary>
public sealed record Method(string Name, FiniteDifferenceScheme? Scheme, double? Step)
{
    public GradientCheckOptions Options => Scheme is null
        ? new GradientCheckOptions { CheckGradientReentrancy = false }
        : new GradientCheckOptions { Scheme = Scheme, Step = Step, CheckGradientReentrancy = false };

    /// <summary>Forward, backward, central and central 5-point at their standard steps ε^(1/(p+1))·max(|x|,1), the classic h=1e-3, and the adaptive default.</summary>
    public static IReadOnlyList<Method> All { get; } =
    [
        new("forward", FiniteDifferenceScheme.Forward(), null),
        new("backward", FiniteDifferenceScheme.Backward(), null),
        new("central", FiniteDifferenceScheme.Central(), null),
        new("central 5-pt", FiniteDifferenceScheme.Central(5), null),
        new("classic: central h=1e-3", FiniteDifferenceScheme.Central(), 1e-3),
        new("adaptive (default)", null, null),
    ];
}

/// <summary>One-coordinate checks through the public entry point, so the numbers are exactly what a user gets.</summary>
public static class OneDimensional
{
    public static EntryResult Estimate(Func<double, double> f, double exact, double x, GradientCheckOptions options) =>
        GradientCheck.Run(p => f(p[0]), _ => [exact], [x], options).Entries[0];

    public static EntryResult Estimate(Func<float, float> f, double exact, float x, GradientCheckOptions options) =>
        GradientCheck.Run(p => f(p[0]), _ => [(float)exact], [x], options).Entries[0];

    /// <summary>|numeric − exact| / |exact| (absolute when exact is 0).</summary>
    public static double RelativeError(double numeric, double exact) =>
        exact == 0 ? Math.Abs(numeric) : Math.Abs(numeric - exact) / Math.Abs(exact);
}
