using GradCheck.FiniteDifferences;

namespace GradCheck.Internal;

/// <summary>Chooses the estimator for an entry: the adaptive default, or a fixed scheme and step from the options.</summary>
internal sealed class EntryEstimator
{
    private readonly RiddersEstimator _ridders = new();
    private readonly FiniteDifferenceScheme? _scheme;
    private readonly double? _step;
    private readonly double? _initialStep;
    private readonly double? _declaredNoiseUlps;
    private readonly bool _earlyDecisions;

    private readonly double _gradientScale;

    /// <summary>The assumed rounding of f in ulps: the user's declaration, or the default.</summary>
    private double NoiseUlps => _declaredNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps;

    /// <summary>The noise of one value of f along <paramref name="probe"/>: the measured noise, at least the assumed rounding of f(x).</summary>
    private double AssumedNoise(ILineProbe probe) => Math.Max(probe.Noise, NoiseUlps * probe.Epsilon * Math.Abs(probe.F0));

    /// <param name="options">The check's options, validated by its entry point (<see cref="Preconditions.ValidOptions(GradientCheckOptions?)"/>).</param>
    /// <param name="gradientScale">The largest analytic entry (0: unknown), for the first step in float32.</param>
    public EntryEstimator(GradientCheckOptions options, double gradientScale = 0)
    {
        _gradientScale = gradientScale;
        _scheme = options.Scheme;
        _step = options.Step;
        _initialStep = options.InitialStep;
        _declaredNoiseUlps = options.FunctionNoiseUlps;
        // The adaptive default only: a fixed scheme, a chosen first step or a fixed tolerance is the user's own call.
        _earlyDecisions = options is { EarlyDecisions: true, Scheme: null, InitialStep: null, Tolerance: null };
    }

    /// <summary>
    /// The cheap estimate that may decide the entry before the full one (<see cref="EarlyDecision"/>), at the step its
    /// tolerance needs given f's noise, the analytic value and, on a second attempt, the truncation the
    /// <paramref name="previous"/> one measured; null when early decisions are off or no step could make one (nothing is
    /// evaluated then).
    /// </summary>
    public DerivativeEstimate? EstimateQuickly(ILineProbe probe, double analytic, DerivativeEstimate? previous = null)
    {
        if (!_earlyDecisions) return null;
        double noise = AssumedNoise(probe);
        double largest = Math.Max(GradientCheckDefaults.InitialStep, Math.Abs(probe.X) / 512) / GradientCheckDefaults.EarlyLargestStepRatio;
        double smallest = GradientCheckDefaults.EarlySmallestStepUlps * probe.Epsilon * Math.Max(Math.Abs(probe.X), 1);
        return EarlyDecision.Step(noise, analytic, probe.Epsilon, smallest, largest, previous) is { } step
            ? QuickDifference.Estimate(probe, step, NoiseUlps)
            : null;
    }

    public DerivativeEstimate Estimate(ILineProbe probe) => _scheme is { } scheme
        ? FixedSchemeEstimator.Estimate(scheme, probe, _step ?? scheme.StandardStep(probe.X, probe.Epsilon), NoiseUlps)
        : _ridders.Estimate(probe, _initialStep ?? DefaultInitialStep(probe), NoiseUlps);

    /// <summary>
    /// A second estimate of the same derivative whose tableau starts at <paramref name="initialStep"/> (the adaptive scheme
    /// only; a fixed scheme has nothing else to say and gives null).
    /// </summary>
    public DerivativeEstimate? EstimateFrom(ILineProbe probe, double initialStep) =>
        _scheme is null ? _ridders.Estimate(probe, initialStep, NoiseUlps) : null;

    /// <summary>
    /// A second estimate of the same derivative from the largest steps at or below <paramref name="start"/> that cross no
    /// switch point (<see cref="PlateauEstimator"/>), judged with the noise of differences along this line (measured on it
    /// once per entry, kept in <paramref name="lineNoise"/>) instead of the check's global noise: the first evidence a
    /// failing entry must survive (see <see cref="MismatchRecheck"/>). Null for a fixed scheme, when f is not finite next to
    /// the point, or when no steps cross no switch point; <paramref name="evaluations"/> counts what was spent either way.
    /// </summary>
    public DerivativeEstimate? EstimateOnPlateau(ILineProbe probe, double start, ref double lineNoise, out int evaluations)
    {
        evaluations = 0;
        if (_scheme is not null) return null;
        if (double.IsNaN(lineNoise)) lineNoise = LineNoise.Measure(probe, out evaluations);
        if (!double.IsFinite(lineNoise)) return null;
        // A declared noise is the user's bound on f's rounding and is honoured; the line's measurement is one ulp at least.
        double noise = _declaredNoiseUlps is { } ulps ? Math.Max(lineNoise, ulps * probe.Epsilon * Math.Abs(probe.F0)) : lineNoise;
        var estimate = PlateauEstimator.Estimate(probe, start, noise, out int spent);
        evaluations += spent;
        return estimate is null ? null : estimate with { Evaluations = evaluations };
    }

    /// <summary>
    /// A second estimate of the same derivative, judged with the noise of differences along this line (measured on it,
    /// unless <paramref name="lineNoise"/> holds it already) instead of the check's global noise, from a tableau that starts
    /// at <paramref name="initialStep"/>: the evidence a failing entry must survive when no plateau decides it (see
    /// <see cref="MismatchRecheck"/>). Null for a fixed scheme, or when f is not finite next to the point.
    /// </summary>
    public DerivativeEstimate? EstimateOnLine(ILineProbe probe, double initialStep, ref double lineNoise)
    {
        if (_scheme is not null) return null;
        int evaluations = 0;
        if (double.IsNaN(lineNoise)) lineNoise = LineNoise.Measure(probe, out evaluations);
        if (!double.IsFinite(lineNoise)) return null;
        // The line's noise replaces the assumed ulps too, unless the user declared them.
        var estimate = _ridders.Estimate(new LineNoiseProbe(probe, lineNoise), initialStep, _declaredNoiseUlps ?? LineNoiseUlps);
        return estimate with { Evaluations = estimate.Evaluations + evaluations };
    }

    /// <summary>The assumed rounding under the line's measured noise: one ulp of |f| (the measurement already is a bound).</summary>
    private const double LineNoiseUlps = 1.0;

    /// <summary>
    /// Whether the first step of the adaptive scheme depends on the gradient's scale: in float32 and coarser types (whose
    /// rounding competes with truncation) it does, in double it does not.
    /// </summary>
    public static bool FirstStepDependsOnScale(double epsilon) => epsilon > 1e-10;

    /// <summary>
    /// Double: a large first step (rounding is negligible, extrapolation removes truncation). Float32 and coarser: the
    /// step whose rounding, noise/h, is <see cref="GradientCheckDefaults.SinglePrecisionStepNoiseRatio"/>⁻¹ of the
    /// gradient's scale: large where rounding dominates (a loss with a large offset), small where curvature does (deep
    /// tanh chains), within [1/64, 1/2].
    /// </summary>
    private double DefaultInitialStep(ILineProbe probe)
    {
        if (!FirstStepDependsOnScale(probe.Epsilon)) return GradientCheckDefaults.InitialStep;
        if (!(_gradientScale > 0) || !double.IsFinite(_gradientScale)) return GradientCheckDefaults.InitialStepSinglePrecision;
        double noise = AssumedNoise(probe);
        double step = GradientCheckDefaults.SinglePrecisionStepNoiseRatio * noise / _gradientScale;
        return Math.Pow(2, Math.Round(Math.Log2(Math.Clamp(step, GradientCheckDefaults.SmallestFirstStep, GradientCheckDefaults.LargestFirstStep))));
    }
}
