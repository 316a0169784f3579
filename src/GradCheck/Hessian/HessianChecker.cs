using System.Globalization;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;
using GradCheck.Verdicts;

namespace GradCheck.Hessian;

/// <summary>The Hessian check's loop: per direction, H·v from the code under test and d/dt ∇f(x + t·v) per component.</summary>
internal static class HessianChecker
{
    public static GradientReport Run(Func<double[], double[]> gradient, Func<int> evaluations, string evaluationKind,
        Func<double[], double[], double[]> hessianVectorProduct, double[] point, HessianCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(hessianVectorProduct);
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        var directions = Directions(options, point);
        double initialStep = options.InitialStep ?? GradientCheckDefaults.InitialStep;
        if (!(initialStep > 0) || !double.IsFinite(initialStep))
            throw new ArgumentOutOfRangeException(nameof(options), initialStep, "InitialStep must be a finite number > 0.");
        double ulps = options.GradientNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps;
        var budgetOptions = new GradientCheckOptions { ErrorEstimateSafety = options.ErrorEstimateSafety, Tolerance = options.Tolerance };
        double epsilon = Math.Pow(2, -52);

        var snapshot = (double[])point.Clone();
        try
        {
            double[] g0 = CheckInputs.Gradient(gradient, point, snapshot);
            for (int i = 0; i < g0.Length; i++) CheckInputs.RequireFinite(g0[i], $"the gradient's entry {i} at the point");
            double gradientScale = g0.Select(Math.Abs).Max();
            var entries = new List<EntryResult>();
            var ridders = new RiddersEstimator();
            for (int j = 0; j < directions.Count; j++)
            {
                double[] v = directions[j];
                double[] hv = HessianVectorProduct(hessianVectorProduct, point, snapshot, v);
                // Scale v by a power of two (exact) so that the first step moves each coordinate by about InitialStep of its magnitude.
                double reach = Enumerable.Range(0, v.Length).Max(i => Math.Abs(v[i]) / Math.Max(Math.Abs(snapshot[i]), 1));
                double scale = Math.Pow(2, Math.Ceiling(Math.Log2(reach)));
                // A tiny gradient entry still carries rounding at the scale of the largest one (backprop sums such terms).
                var probe = new GradientLineProbe(gradient, snapshot, v.Select(e => e / scale).ToArray(), g0, ulps * epsilon * gradientScale);
                var budget = new ErrorBudget(budgetOptions, epsilon, hv);
                for (int i = 0; i < v.Length; i++)
                {
                    probe.Component = i;
                    var estimate = ridders.Estimate(probe, initialStep, ulps);
                    entries.Add(budget.Judge(i, string.Create(CultureInfo.InvariantCulture, $"(H·v{j + 1})[{i}]"), hv[i], Scaled(estimate, scale)));
                }
            }
            var warnings = EntryWarnings.For(entries, point.Length, (double)snapshot.Count(v => v == 0) / point.Length, double.NaN, exactCheckApplies: false).ToList();
            string method = $"H·v against d/dt ∇f(x + t·v) by adaptive central differences with Richardson extrapolation along {directions.Count} direction(s); "
                            + (options.Tolerance is { } rule ? $"fixed tolerance {rule}" : "error-budget tolerance")
                            + $"; evaluations counted: {evaluationKind}";
            return GradientReport.OfHessian(new CheckFacts(entries, evaluations(), warnings, method, options.Directions is null ? options.EffectiveSeed : null),
                point.Length, options.AcceptInconclusive);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    private static List<double[]> Directions(HessianCheckOptions options, double[] point)
    {
        if (options.Directions is { } given)
        {
            if (given.Count == 0) throw new ArgumentException("Directions is empty: give at least one vector v, or leave it null for random ones.", nameof(options));
            foreach (var v in given)
            {
                if (v is null || v.Count != point.Length)
                    throw new ArgumentException($"Every direction must have the point's length ({point.Length}).", nameof(options));
                if (v.Any(e => !double.IsFinite(e)) || v.All(e => e == 0))
                    throw new ArgumentException("Every direction must be finite and not all zero.", nameof(options));
            }
            return given.Select(v => v.ToArray()).ToList();
        }
        if (options.DirectionCount < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.DirectionCount, "DirectionCount must be at least 1.");
        var random = new Random(options.EffectiveSeed);
        return Enumerable.Range(0, options.DirectionCount).Select(_ => PerturbationScale.Direction(point, random)).ToList();
    }

    private static double[] HessianVectorProduct(Func<double[], double[], double[]> product, double[] point, double[] snapshot, double[] v)
    {
        double[]? result;
        try
        {
            result = UserCode.Invoke(() => product(point, (double[])v.Clone()), "The Hessian-vector product", "at the unperturbed point");
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
        if (result is null || result.Length != point.Length)
            throw new ArgumentException($"The Hessian-vector product must return one entry per coordinate ({point.Length}).", nameof(product));
        return result;
    }

    private static DerivativeEstimate Scaled(DerivativeEstimate e, double scale) => e with
    {
        Value = e.Value * scale,
        ErrorEstimate = e.ErrorEstimate * scale,
        RoundingError = e.RoundingError * scale,
        LeftDerivative = e.LeftDerivative * scale,
        RightDerivative = e.RightDerivative * scale,
    };
}

/// <summary>
/// One component of ∇f along the line x + t·w, as the estimator sees it. Gradients at each t are cached, so
/// all components share the same evaluations (the estimator's steps are the same for every component until it stops).
/// The offset is taken as exact: x + t·w is formed in double, whose rounding (ε·|x|) is far below the steps used.
/// </summary>
internal sealed class GradientLineProbe(Func<double[], double[]> gradient, double[] x, double[] w, double[] g0, double noise) : ILineProbe
{
    private readonly Dictionary<double, double[]> _cache = new();

    public int Component { get; set; }

    public double X => 0;

    public double F0 => g0[Component];

    public double Epsilon { get; } = Math.Pow(2, -52);

    public double Noise => noise;

    public double Evaluate(double offset, out double actualOffset)
    {
        actualOffset = offset;
        if (!_cache.TryGetValue(offset, out var g))
        {
            var moved = new double[x.Length];
            for (int i = 0; i < moved.Length; i++) moved[i] = x[i] + offset * w[i];
            g = UserCode.Invoke(() => gradient(moved), "The gradient", () => string.Create(CultureInfo.InvariantCulture, $"at x + {offset:G3}·v"));
            if (g is null || g.Length != x.Length)
                throw new ArgumentException($"The gradient must return one entry per coordinate ({x.Length}).", nameof(gradient));
            _cache[offset] = g;
        }
        return g[Component];
    }
}
