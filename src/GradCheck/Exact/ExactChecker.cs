using System.Globalization;
using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;
using GradCheck.Verdicts;

namespace GradCheck.Exact;

/// <summary>
/// The exact reference: ∂f/∂xᵢ from one forward pass on <see cref="Dual"/> per checked coordinate, no step and
/// no truncation error, so the tolerance is at rounding level for the element type of the analytic gradient.
/// </summary>
internal static class ExactChecker<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Rounding allowed relative to the larger of the two values: both carry rounding (the core allows 16 ulps for one side).</summary>
    public const double ValueUlps = 32;

    /// <summary>
    /// Rounding allowed relative to the largest gradient entry: sums of large terms leave absolute rounding in small entries.
    /// A conv bias followed by batch norm has an exact gradient of 0 that the backward pass computes as a sum of a few
    /// hundred cancelling terms: over 80 seeds of the corpus's batch-norm CNN (double) that rounding reached 8.3 ulps of the
    /// largest entry, and 8 ulps failed a correct network. 64, as for zero gradients in model checks
    /// (<see cref="GradientCheckDefaults.ZeroGradientUlps"/>), leaves 8× margin and still resolves a 1e-4 relative error in
    /// float32.
    /// </summary>
    public const double ScaleUlps = 64;

    public static GradientReport Run(IScalarFunction function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions? options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        options ??= GradientCheckOptions.Default;
        PointValidation.Validate(point);
        var plan = CheckPlan.Create(options, point.Length);
        Func<int, string> name = options.EntryName ?? (i => $"x[{i}]");
        double epsilon = CheckInputs.Epsilon<T>();

        var snapshot = (T[])point.Clone();
        try
        {
            double[] analytic = CheckInputs.Gradient(gradient, point, snapshot);
            double[] x = CheckInputs.ToDouble(snapshot);
            var arguments = new Dual[x.Length];
            double value = double.NaN;
            var numeric = new double[plan.Indices.Count];
            for (int k = 0; k < plan.Indices.Count; k++)
            {
                int index = plan.Indices[k];
                for (int j = 0; j < x.Length; j++) arguments[j] = new Dual(x[j], j == index ? 1 : 0);
                Dual result = Evaluate(function, arguments, index, name);
                value = result.Value;
                numeric[k] = result.Derivative;
                options.Progress?.Report(new CheckProgress(k + 1, plan.Indices.Count, k + 1));
            }
            CheckInputs.RequireFinite(value, "f(point)");

            double scale = GradientScale.Of(analytic.Concat(numeric));
            var entries = new List<EntryResult>(numeric.Length);
            for (int k = 0; k < numeric.Length; k++)
            {
                int index = plan.Indices[k];
                entries.Add(Judge(index, name(index), analytic[index], numeric[k], options.Tolerance, epsilon, scale));
            }
            var warnings = EntryWarnings.For(entries, point.Length, (double)snapshot.Count(T.IsZero) / point.Length, value).ToList();
            string method = "exact forward-mode derivatives (dual numbers), one evaluation per entry; "
                + (options.Tolerance is { } rule
                    ? $"fixed tolerance {rule}"
                    : string.Create(CultureInfo.InvariantCulture, $"rounding-level tolerance {ValueUlps}ε·max(|a|,|n|) + {ScaleUlps}ε·max|g|, ε = {epsilon:G3}"));
            return GradientReport.OfExact<T>(new CheckFacts(entries, numeric.Length, warnings, method, plan.Seed), point.Length, value, options);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    private static Dual Evaluate(IScalarFunction function, Dual[] arguments, int index, Func<int, string> name) =>
        UserCode.Invoke(() => function.Evaluate<Dual>(arguments), "The function", () => $"on dual numbers while differentiating along {name(index)}", index);

    internal static EntryResult Judge(int index, string name, double analytic, double numeric, FixedTolerance? rule, double epsilon, double scale)
    {
        double absolute = Math.Abs(analytic - numeric);
        double larger = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        bool finite = double.IsFinite(analytic) && double.IsFinite(numeric);
        double tolerance = !finite ? double.NaN
            : rule is not null ? rule.For(analytic, numeric)
            : ValueUlps * epsilon * larger + ScaleUlps * epsilon * scale;
        var verdict = !finite ? EntryVerdict.NonFinite : absolute <= tolerance ? EntryVerdict.Ok : EntryVerdict.Mismatch;
        // The dual derivative is exact up to the rounding of its own evaluation.
        double errorEstimate = GradientCheckDefaults.AnalyticRoundingUlps * Math.Pow(2, -52) * Math.Abs(numeric);
        return EntryResult.Compare(index, name, analytic, numeric, errorEstimate, tolerance, verdict) with { Step = 0, Evaluations = 1 };
    }
}
