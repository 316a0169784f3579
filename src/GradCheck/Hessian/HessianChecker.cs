using System.Globalization;
using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;
using GradCheck.Verdicts;

namespace GradCheck.Hessian;

/// <summary>
/// The Hessian check's loop: per direction, H·v from the code under test and d/dt ∇f(x + t·v) per component. Generic
/// over the element type as <see cref="GradientChecker{T}"/> is: the directions are rounded to T once and the code
/// under test receives exactly those, the moved points are T's, and the estimator gets T's epsilon and rounding.
/// </summary>
internal static class HessianChecker<T> where T : IFloatingPointIeee754<T>
{
    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    public static GradientReport Run(Func<T[], T[]> gradient, Func<int> evaluations, string evaluationKind,
        Func<T[], T[], T[]> hessianVectorProduct, T[] point, HessianCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(hessianVectorProduct);
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        var directions = Directions(options, point);
        double initialStep = options.InitialStep ?? GradientCheckDefaults.InitialStep;
        double ulps = options.FunctionNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps;
        var budgetOptions = new GradientCheckOptions { ErrorEstimateSafety = options.ErrorEstimateSafety, Tolerance = options.Tolerance };
        double epsilon = CheckInputs.Epsilon<T>();

        var snapshot = (T[])point.Clone();
        double[] x = CheckInputs.ToDouble(snapshot);
        try
        {
            double[] g0 = CheckInputs.Gradient(gradient, point, snapshot);
            for (int i = 0; i < g0.Length; i++) CheckInputs.RequireFinite(g0[i], $"the gradient's entry {i} at the point");
            RequireDeterministic(gradient, point, snapshot, g0, options.NondeterminismTolerance);
            double gradientScale = g0.Select(Math.Abs).Max();
            // A tiny gradient entry still carries rounding at the scale of the largest one (backprop sums such terms);
            // a gradient declared nondeterministic varies by up to its tolerance on top.
            double noise = ulps * epsilon * gradientScale + options.NondeterminismTolerance;
            var entries = new List<EntryResult>();
            var ridders = new RiddersEstimator();
            for (int j = 0; j < directions.Count; j++)
            {
                T[] v = directions[j];
                double[] hv = HessianVectorProduct(hessianVectorProduct, point, snapshot, v);
                double[] vd = CheckInputs.ToDouble(v);
                // Scale v by a power of two (exact) so that the first step moves each coordinate by about InitialStep of its magnitude.
                double reach = Enumerable.Range(0, vd.Length).Max(i => Math.Abs(vd[i]) / Math.Max(Math.Abs(x[i]), 1));
                double scale = Math.Pow(2, Math.Ceiling(Math.Log2(reach)));
                var probe = new GradientLineProbe<T>(gradient, point, snapshot, x, vd.Select(e => e / scale).ToArray(), g0, noise);
                var budget = new ErrorBudget(budgetOptions, epsilon, hv);
                for (int i = 0; i < vd.Length; i++)
                {
                    probe.Component = i;
                    var estimate = ridders.Estimate(probe, initialStep, ulps);
                    entries.Add(budget.Judge(i, string.Create(CultureInfo.InvariantCulture, $"(H·v{j + 1})[{i}]"), hv[i], Scaled(estimate, scale)));
                }
            }
            var warnings = EntryWarnings.For(entries, point.Length, CheckInputs.ZeroFraction(snapshot), double.NaN, exactCheckApplies: false).ToList();
            string method = $"H·v against d/dt ∇f(x + t·v) by adaptive central differences with Richardson extrapolation along {directions.Count} direction(s); "
                            + (options.Tolerance is { } rule ? $"fixed tolerance {rule}" : "error-budget tolerance")
                            + $"; evaluations counted: {evaluationKind}";
            return GradientReport.OfHessian<T>(new CheckFacts(entries, evaluations(), warnings, method, options.Directions is null ? options.EffectiveSeed : null),
                point.Length, options.AcceptInconclusive);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    /// <summary>The given directions, or random ones drawn in double, each rounded to T once: what H·v and the line both use.</summary>
    private static List<T[]> Directions(HessianCheckOptions options, T[] point)
    {
        if (options.Directions is { } given)
        {
            foreach (var v in given) Preconditions.RequireSameLength(v, point.Length, "A direction");
            return given.Select(v => v.Select(T.CreateChecked).ToArray()).Select(RequireNonZero).ToList();
        }
        var random = new Random(options.EffectiveSeed);
        var x = CheckInputs.ToDouble(point);
        return Enumerable.Range(0, options.DirectionCount).Select(_ => PerturbationScale.Direction(x, random).Select(T.CreateChecked).ToArray()).Select(RequireNonZero).ToList();
    }

    /// <summary>A direction whose entries all underflow in T (a float32 direction of 1e-50s) has no line to differentiate along.</summary>
    private static T[] RequireNonZero(T[] v) => v.All(T.IsZero)
        ? throw new ArgumentException($"A direction is all zero in {CheckInputs.ElementTypeName<T>()}: give directions of a magnitude the element type can hold.", "options")
        : v;

    /// <summary>
    /// The gradient called a second time at the point must repeat itself (within the declared tolerance): the check takes
    /// differences of it, and a random gradient's differences measure its randomness, not H.
    /// </summary>
    private static void RequireDeterministic(Func<T[], T[]> gradient, T[] point, T[] snapshot, double[] first, double tolerance)
    {
        double[] again = CheckInputs.Gradient(gradient, point, snapshot, where: "the unperturbed point (second evaluation)");
        for (int i = 0; i < first.Length; i++)
        {
            if (DeterminismCheck.Same(first[i], again[i], tolerance)) continue;
            throw new NonDeterministicFunctionException(string.Create(CultureInfo.InvariantCulture,
                $"The gradient is not deterministic: two evaluations at the same point gave entry {i} = {first[i]:G17} and {again[i]:G17} (difference {Math.Abs(again[i] - first[i]):G3}, allowed {tolerance:G3}). ")
                + "The Hessian check takes differences of the gradient, so randomness inside it swamps the second derivative. Make it deterministic "
                + "(dropout off, a fixed mini-batch), or, if it is deterministic up to a known noise (parallel reductions), set HessianCheckOptions.NondeterminismTolerance to that noise.");
        }
    }

    private static double[] HessianVectorProduct(Func<T[], T[], T[]> product, T[] point, T[] snapshot, T[] v)
    {
        T[]? result;
        try
        {
            result = UserCode.Invoke(() => product(point, (T[])v.Clone()), "The Hessian-vector product", "at the unperturbed point");
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
        if (result is null || result.Length != point.Length)
            throw new ArgumentException($"The Hessian-vector product must return one entry per coordinate ({point.Length}).", nameof(product));
        return CheckInputs.ToDouble(result);
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
/// One component of ∇f along the line x + t·w, as the estimator sees it. The caller's point is moved in place to
/// x + t·w (rounded to T) and restored from the snapshot in <c>finally</c>. Gradients at each t are cached, so all
/// components share the same evaluations (the estimator's steps are the same for every component until it stops).
/// The offset is taken as t: rounding each coordinate to T moves it by at most ½ε·|xᵢ|, a change of the gradient of the
/// order of its own rounding, which the noise already allows for (in double it is far below the steps used).
/// </summary>
internal sealed class GradientLineProbe<T>(Func<T[], T[]> gradient, T[] point, T[] snapshot, double[] x, double[] w, double[] g0, double noise) : ILineProbe
    where T : IFloatingPointIeee754<T>
{
    private readonly Dictionary<double, double[]> _cache = new();

    public int Component { get; set; }

    public double X => 0;

    public double F0 => g0[Component];

    public double Epsilon { get; } = CheckInputs.Epsilon<T>();

    public double Noise => noise;

    public double Evaluate(double offset, out double actualOffset)
    {
        actualOffset = offset;
        if (!_cache.TryGetValue(offset, out var g))
        {
            T[]? moved;
            for (int i = 0; i < point.Length; i++) point[i] = T.CreateChecked(x[i] + offset * w[i]);
            try
            {
                moved = UserCode.Invoke(() => gradient(point), "The gradient", () => string.Create(CultureInfo.InvariantCulture, $"at x + {offset:G3}·v"));
            }
            finally
            {
                snapshot.CopyTo(point, 0);
            }
            if (moved is null || moved.Length != x.Length)
                throw new ArgumentException($"The gradient must return one entry per coordinate ({x.Length}).", nameof(gradient));
            // Kept as doubles (exact), a copy: the user may reuse the returned buffer on the next call.
            g = CheckInputs.ToDouble(moved);
            _cache[offset] = g;
        }
        return g[Component];
    }
}
