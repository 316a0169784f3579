using System.Globalization;

namespace GradCheck.FiniteDifferences;

/// <summary>
/// The adaptive default: central differences over a geometric series of steps, extrapolated to step 0 with
/// Richardson's method in Ridders' tableau form. Each estimate comes with its own error (the tableau's
/// disagreement, and the rounding of f at its magnitude, whichever is larger). One-sided differences from the
/// same evaluations reveal kinks; a step that makes f non-finite is shrunk until f is finite on both sides.
/// </summary>
public sealed class AdaptiveDifference
{
    private AdaptiveDifference(double initialStep, double functionNoiseUlps)
    {
        if (!(initialStep > 0) || !double.IsFinite(initialStep))
            throw new ArgumentOutOfRangeException(nameof(initialStep), initialStep, "The initial step must be a finite number > 0.");
        if (!(functionNoiseUlps >= 0) || !double.IsFinite(functionNoiseUlps))
            throw new ArgumentOutOfRangeException(nameof(functionNoiseUlps), functionNoiseUlps, "The noise must be a finite number ≥ 0.");
        InitialStep = initialStep;
        FunctionNoiseUlps = functionNoiseUlps;
    }

    /// <summary>The default configuration.</summary>
    public static AdaptiveDifference Default { get; } =
        new(GradientCheckDefaults.InitialStep, GradientCheckDefaults.FunctionRoundingUlps);

    /// <summary>First step (absolute); coordinates beyond 512·InitialStep start at |x|/512 instead, to stay far above their rounding.</summary>
    public double InitialStep { get; }

    /// <summary>Assumed rounding noise of one function value, in epsilons of the element type times |f|.</summary>
    public double FunctionNoiseUlps { get; }

    /// <summary>A configuration with another first step and noise level.</summary>
    public static AdaptiveDifference Create(
        double initialStep = GradientCheckDefaults.InitialStep,
        double functionNoiseUlps = GradientCheckDefaults.FunctionRoundingUlps) => new(initialStep, functionNoiseUlps);

    /// <summary>Estimates f'(x) with its error estimate; detects kinks and domain edges.</summary>
    public DerivativeEstimate Estimate(Func<double, double> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new RiddersEstimator().Estimate(new ScalarProbe(f, x), InitialStep, FunctionNoiseUlps);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"adaptive central differences, Richardson-extrapolated (Ridders): first step max({InitialStep:G3}, |x|/512), "
        + $"halved per row, {GradientCheckDefaults.MinRows}–{GradientCheckDefaults.MaxRows} rows when smooth");
}
