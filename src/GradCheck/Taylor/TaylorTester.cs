using System.Globalization;
using System.Numerics;
using GradCheck.Internal;

namespace GradCheck.Taylor;

/// <summary>The Taylor test's loop: halving steps, remainders, the noise floor, observed orders, the verdict.</summary>
internal static class TaylorTester<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>An eighth of each coordinate's scale: large, so that many halvings fit above the noise floor.</summary>
    public const double DefaultInitialStep = 0.125;

    /// <summary>Correct gradients give 2 (rounding near the floor costs a few hundredths), wrong ones 1.</summary>
    public const double DefaultRequiredOrder = 1.8;

    /// <summary>A pass must rule out errors of g·d above 10 %: a larger blind spot is reported as inconclusive.</summary>
    public const double DefaultMaxUndetectableError = 0.1;

    /// <summary>
    /// An error δ in g·d lowers the order between the last two rows below about 1.8 once h·|δ| is this fraction of
    /// the remainder: log₂((ρ + 1)/(ρ/2 + 1/4)) = 1.78 at ρ = 0.2.
    /// </summary>
    public const double DetectableFraction = 0.2;

    /// <summary>
    /// A remainder is used only when it is this many times above its rounding bound (8 ulps per value, or the
    /// measured noise of f if larger), so the rounding actually present is a few percent of such a remainder at
    /// most and moves an observed order by a few hundredths.
    /// </summary>
    public const double NoiseMargin = 16;

    /// <summary>Orders judged: the last ones before the noise floor, where the asymptotic regime is reached.</summary>
    public const int TailOrders = 3;

    /// <summary>Halvings at most: h₀/2⁶⁰ is far below any noise floor in double.</summary>
    public const int MaxRows = 60;

    /// <summary>
    /// The first remainder should be this many times the resolution threshold: with order 2 that leaves three
    /// halvings (four rows, three orders) above the floor.
    /// </summary>
    public const double GrowthTarget = 64;

    /// <summary>Doublings of the first step at most (h up to 2⁸·h₀), when f hardly changes at h₀ compared with its rounding.</summary>
    public const int MaxGrowth = 8;

    /// <summary>Unresolved rows after resolved ones that mean the floor is reached (one can be a sign change of the remainder).</summary>
    private const int UnresolvedToStop = 3;

    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    public static TaylorReport Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, TaylorTestOptions options)
    {
        var report = Test(function, gradient, point, options);
        report.AcceptsInconclusive = options.AcceptInconclusive;
        return report;
    }

    private static TaylorReport Test(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, TaylorTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        // The options' values were validated by the public entry point (Preconditions.ValidOptions); the direction's length needs the point.
        if (options.Direction is { } direction) Preconditions.RequireSameLength(direction, point.Length, "The direction");
        double h = options.InitialStep ?? DefaultInitialStep;
        double required = options.RequiredOrder ?? DefaultRequiredOrder;
        double ulps = options.FunctionNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps;
        double epsilon = CheckInputs.Epsilon<T>();

        var snapshot = (T[])point.Clone();
        var counter = new EvaluationCounter();
        try
        {
            double f0 = CheckInputs.Value(function, point, counter, "the unperturbed point");
            CheckInputs.RequireFinite(f0, "f(point)");
            DeterminismCheck.Verify(function, point, snapshot, f0, options.NondeterminismTolerance, counter);
            // The measured rounding noise of f (as the core check measures it): long float32 sums are noisier than 8 ulps.
            double noise = NoiseProbe.Measure(function, point, snapshot, f0, options.EffectiveSeed, options.NondeterminismTolerance, counter);
            double[] g = CheckInputs.Gradient(gradient, point, snapshot);
            double[] x = CheckInputs.ToDouble(snapshot);
            int? seed = options.Direction is null ? options.EffectiveSeed : null;
            double[] d = options.Direction?.ToArray() ?? PerturbationScale.Direction(x, new Random(options.EffectiveSeed));
            double slope = 0;
            for (int i = 0; i < g.Length; i++) slope += g[i] * d[i];
            var setup = new TaylorSetup(CheckInputs.ElementTypeName<T>(), f0, d, slope, required, seed, epsilon,
                options.MaxUndetectableError ?? DefaultMaxUndetectableError);
            if (!double.IsFinite(slope))
                return TaylorVerdict.NonFiniteGradient(setup, counter.Count, g);

            var moved = new T[point.Length];
            TaylorRow Row(double step) => Measure(function, g, snapshot, x, d, f0, step, moved, ulps, epsilon, noise, counter);

            // Grow the first step while its remainder is too close to the floor to leave room for several halvings
            // (a large offset in f, float32): the rows above are kept, and only the last orders are judged anyway.
            var first = Row(h);
            var rows = new List<TaylorRow> { first };
            for (int j = 0; j < MaxGrowth && rows[0].SecondOrderRemainder < GrowthTarget * NoiseMargin * rows[0].NoiseFloor; j++)
            {
                var larger = Row(2 * rows[0].Step);
                if (!double.IsFinite(larger.SecondOrderRemainder)) break;
                rows.Insert(0, larger);
            }

            int unresolvedAfterResolved = 0, nothingResolvable = 0;
            bool anyResolved = rows.Any(r => r.Resolved);
            for (int k = 1; k < MaxRows; k++)
            {
                h /= 2;
                var row = Row(h);
                rows.Add(row);
                if (row.Resolved)
                {
                    anyResolved = true;
                    unresolvedAfterResolved = 0;
                    nothingResolvable = 0;
                    continue;
                }
                if (anyResolved && ++unresolvedAfterResolved >= UnresolvedToStop) break;
                // Neither remainder above rounding twice in a row: smaller steps only see noise.
                if (double.IsFinite(row.FirstOrderRemainder) && row.FirstOrderRemainder <= NoiseMargin * row.NoiseFloor && ++nothingResolvable >= 2) break;
            }
            for (int k = 1; k < rows.Count; k++)
                if (rows[k].Resolved && rows[k - 1].Resolved)
                    rows[k] = rows[k] with { Order = Math.Log(rows[k - 1].SecondOrderRemainder / rows[k].SecondOrderRemainder) / Math.Log(rows[k - 1].Step / rows[k].Step) };
            return TaylorVerdict.Judge(setup, rows, counter.Count);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    /// <summary>One row: f at x + h·d and both remainders, against the displacement the element type really made.</summary>
    private static TaylorRow Measure(Func<T[], T> function, double[] g, T[] snapshot, double[] x, double[] d, double f0, double h, T[] moved,
        double ulps, double epsilon, double noise, EvaluationCounter counter)
    {
        double linear = 0, linearMagnitude = 0;
        for (int i = 0; i < moved.Length; i++)
        {
            moved[i] = snapshot[i] + T.CreateChecked(h * d[i]);
            // The displacement really made, so rounding of x + h·d is not mistaken for a remainder.
            double term = g[i] * (double.CreateChecked(moved[i]) - x[i]);
            linear += term;
            linearMagnitude += Math.Abs(term);
        }
        double fk = CheckInputs.Value(function, moved, counter, string.Create(CultureInfo.InvariantCulture, $"x + {h:G3}·d"));
        double change = fk - f0;
        double remainder = Math.Abs(change - linear);
        double floor = Math.Max(ulps * epsilon * (Math.Abs(f0) + Math.Abs(fk)), 2 * noise) + ulps * epsilon * linearMagnitude;
        return new TaylorRow
        {
            Step = h,
            FirstOrderRemainder = Math.Abs(change),
            SecondOrderRemainder = remainder,
            NoiseFloor = floor,
            Resolved = double.IsFinite(fk) && remainder > NoiseMargin * floor,
        };
    }
}

/// <summary>What a Taylor test was run with, for the report.</summary>
internal sealed record TaylorSetup(string ElementType, double FunctionValue, double[] Direction, double DirectionalDerivative, double RequiredOrder, int? Seed, double Epsilon, double MaxUndetectableError);
