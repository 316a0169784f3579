using System.Globalization;

namespace GradCheck.Taylor;

/// <summary>
/// Pass or fail from the observed orders: the last <see cref="TaylorTester{T}.TailOrders"/> orders before the noise
/// floor must all reach the required order. Earlier orders can be pre-asymptotic (the first steps are large on
/// purpose), so they are reported but not judged.
/// </summary>
internal static class TaylorVerdict
{
    public static TaylorReport Judge(TaylorSetup setup, IReadOnlyList<TaylorRow> rows, int evaluations)
    {
        var orders = rows.Where(r => r.Order.HasValue).Select(r => r.Order!.Value).ToArray();
        var tail = orders.TakeLast(TaylorTester<double>.TailOrders).ToArray();
        string required = Num(setup.RequiredOrder);
        if (tail.Length >= 2)
        {
            double worst = tail.Min();
            bool passed = worst >= setup.RequiredOrder;
            double missed = Undetectable(setup, rows);
            if (passed && missed > setup.MaxUndetectableError)
                return new TaylorReport(setup, rows, orders, CheckOutcome.Inconclusive, worst,
                    string.Create(CultureInfo.InvariantCulture, $"inconclusive: the orders reach {worst:0.00}, but f's rounding stopped the steps so early that an error of up to {missed:P0} in g·d would not have shown (allowed {setup.MaxUndetectableError:P0}). ")
                    + "Use DescentCheck.Run or GradientCheck.Run, which extrapolate instead of reading orders, or another direction (Seed).",
                    evaluations) { UndetectableError = missed };
            string list = string.Join(", ", tail.Select(o => o.ToString("0.00", CultureInfo.InvariantCulture)));
            string conclusion = passed
                ? $"the remainder |f(x+h·d) − f(x) − h·g·d| converges at order {Num(worst)} or faster (last orders {list}; required {required}): the gradient is consistent with f along d."
                : $"the remainder converges at order {Num(worst)} only (last orders {list}; required {required}). "
                  + (worst < 1.5
                      ? "Order 1 means g·d is not the derivative of f along d: the gradient is wrong (or f has a kink along d)."
                      : "Between 1 and 2: a small gradient error, noise in f, or a kink close to the point.");
            return new TaylorReport(setup, rows, orders, passed ? CheckOutcome.Passed : CheckOutcome.Failed, worst, conclusion, evaluations) { UndetectableError = missed };
        }
        if (!rows.Any(r => r.Resolved))
        {
            // Linear along d: the remainder stays at rounding level. That proves g·d right only to the relative
            // resolution (rounding threshold) / |f(x+h·d) − f(x)| at the best step; demand √ε, as finite differences give.
            double resolution = rows.Where(r => double.IsFinite(r.FirstOrderRemainder) && r.FirstOrderRemainder > 0)
                .Select(r => TaylorTester<double>.NoiseMargin * r.NoiseFloor / r.FirstOrderRemainder).DefaultIfEmpty(double.PositiveInfinity).Min();
            if (resolution <= Math.Sqrt(setup.Epsilon))
                return new TaylorReport(setup, rows, orders, CheckOutcome.Passed, double.NaN,
                    "f(x+h·d) − f(x) − h·g·d stays at rounding level at every step: f is linear along d, and g·d is its slope "
                    + string.Create(CultureInfo.InvariantCulture, $"to a relative {resolution:G2}."),
                    evaluations);
        }
        string reason = tail.Length == 1
            ? "only one order could be measured above the noise floor; raise InitialStep or pass a direction along which f varies more"
            : "no remainder rose above the noise floor; f may be flat along d, or its rounding (a large offset?) hides the change. Raise InitialStep or FunctionNoiseUlps to check.";
        return new TaylorReport(setup, rows, orders, CheckOutcome.Inconclusive, tail.FirstOrDefault(double.NaN), $"inconclusive: {reason}", evaluations);
    }

    /// <summary>
    /// The relative error of g·d that would just have lowered the last order below the required one: the
    /// remainder at the smallest resolved step, times <see cref="TaylorTester{T}.DetectableFraction"/>, over h·|g·d|.
    /// </summary>
    private static double Undetectable(TaylorSetup setup, IReadOnlyList<TaylorRow> rows)
    {
        var last = rows.Last(r => r.Order.HasValue);
        double slope = Math.Abs(setup.DirectionalDerivative);
        return slope == 0 ? double.NaN : TaylorTester<double>.DetectableFraction * last.SecondOrderRemainder / (last.Step * slope);
    }

    public static TaylorReport NonFiniteGradient(TaylorSetup setup, int evaluations, double[] gradient)
    {
        int index = Array.FindIndex(gradient, v => !double.IsFinite(v));
        string where = index >= 0 ? string.Create(CultureInfo.InvariantCulture, $" (x[{index}] = {gradient[index]})") : "";
        return new TaylorReport(setup, [], [], CheckOutcome.Failed, double.NaN, $"the gradient is not finite{where}.", evaluations);
    }

    private static string Num(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
