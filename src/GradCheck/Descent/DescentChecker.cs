using System.Globalization;
using System.Numerics;
using GradCheck.Internal;

namespace GradCheck.Descent;

/// <summary>The descent check's loop: halving learning rates, loss changes against predictions, the verdict.</summary>
internal static class DescentChecker<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The default first step moves the point by this fraction of its typical coordinate magnitude.</summary>
    private const double InitialMove = 0.125;

    /// <summary>Grow η₀ while the first ratio's rounding exceeds this (a large offset in f, float32).</summary>
    private const double GrowthNoise = 1e-4;

    /// <summary>Doublings of η₀ at most.</summary>
    private const int MaxGrowth = 8;

    /// <summary>Rows without a better extrapolation after which the series stops.</summary>
    private const int StaleRows = 3;

    /// <summary>An extrapolation this good (relative to the ratio 1) may stop the series when it no longer improves.</summary>
    private const double DecentError = 1e-3;

    /// <summary>Halvings at most.</summary>
    private const int MaxRows = 48;

    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    public static DescentReport Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, DescentCheckOptions options)
    {
        var report = Check(function, gradient, point, options);
        report.AcceptsInconclusive = options.AcceptInconclusive;
        return report;
    }

    private static DescentReport Check(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, DescentCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        double ulps = options.FunctionNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps;
        double safety = options.ErrorEstimateSafety ?? GradientCheckDefaults.ErrorEstimateSafety;
        double epsilon = CheckInputs.Epsilon<T>();
        string type = CheckInputs.ElementTypeName<T>();

        var snapshot = (T[])point.Clone();
        var counter = new EvaluationCounter();
        try
        {
            double f0 = CheckInputs.Value(function, point, counter, "the unperturbed point");
            CheckInputs.RequireFinite(f0, "f(point)");
            DeterminismCheck.Verify(function, point, snapshot, f0, options.NondeterminismTolerance, counter);
            // The measured rounding noise of f (as the core check measures it): long float32 sums are noisier than 8 ulps.
            double noise = NoiseProbe.Measure(function, point, snapshot, f0, GradientCheckDefaults.Seed, options.NondeterminismTolerance, counter);
            double[] g = CheckInputs.Gradient(gradient, point, snapshot);
            double[] x = CheckInputs.ToDouble(snapshot);
            double squaredNorm = g.Sum(v => v * v);
            if (!double.IsFinite(squaredNorm))
                return DescentVerdict.NonFiniteGradient(type, f0, counter.Count);
            if (squaredNorm == 0)
                return DescentVerdict.Inconclusive(type, f0, counter.Count,
                    "the gradient is zero, so a descent step does not move and tests nothing. Use GradientCheck.Run or TaylorTest.Run.");

            double scale = Math.Sqrt(PerturbationScale.Scales(x).Sum(s => s * s));
            double eta = options.InitialStepSize ?? InitialMove * scale / Math.Sqrt(squaredNorm);
            var moved = new T[point.Length];
            DescentRow Row(double step) => Measure(function, g, snapshot, x, f0, step, moved, ulps, epsilon, noise, counter);

            var rows = new List<DescentRow> { Row(eta) };
            for (int j = 0; j < MaxGrowth && !(rows[0].RatioNoise <= GrowthNoise); j++)
            {
                var larger = Row(2 * rows[0].StepSize);
                if (!double.IsFinite(larger.LossChange)) break;
                rows.Insert(0, larger);
            }
            double target = DescentVerdict.Resolution(epsilon);
            for (int k = 1; k < MaxRows; k++)
            {
                eta /= 2;
                var row = Row(eta);
                rows.Add(row);
                if (!(row.RatioNoise <= DescentVerdict.MaxRatioNoise) || row.PredictedChange == 0) break;
                // Resolved enough: the extrapolated ratio is known far better than any gradient bug would move it.
                // Or no longer improving once decent: smaller steps only add rounding (as dfridr stops). Before that the
                // large steps may be pre-asymptotic, and an early best says nothing.
                if (DescentVerdict.Extrapolate(rows) is not { } best) continue;
                double error = best.Truncation + best.Rounding;
                if (error <= target || (best.RowsSince >= StaleRows && error <= DecentError)) break;
            }
            return DescentVerdict.Judge(type, f0, rows, safety, epsilon, counter.Count);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    private static DescentRow Measure(Func<T[], T> function, double[] g, T[] snapshot, double[] x, double f0, double eta, T[] moved,
        double ulps, double epsilon, double functionNoise, EvaluationCounter counter)
    {
        double predicted = 0, magnitude = 0;
        for (int i = 0; i < moved.Length; i++)
        {
            moved[i] = snapshot[i] - T.CreateChecked(eta * g[i]);
            // The displacement the element type really made, so rounding of x − η·g is not mistaken for a gradient error.
            double term = g[i] * (double.CreateChecked(moved[i]) - x[i]);
            predicted += term;
            magnitude += Math.Abs(term);
        }
        double fk = CheckInputs.Value(function, moved, counter, string.Create(CultureInfo.InvariantCulture, $"x − {eta:G3}·g"));
        double noise = Math.Max(ulps * epsilon * (Math.Abs(f0) + Math.Abs(fk)), 2 * functionNoise) + ulps * epsilon * magnitude;
        return new DescentRow { StepSize = eta, LossChange = fk - f0, PredictedChange = predicted, RatioNoise = noise / Math.Abs(predicted) };
    }
}
