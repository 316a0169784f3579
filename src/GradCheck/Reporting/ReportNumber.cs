using System.Globalization;

namespace GradCheck.Reporting;

/// <summary>
/// How every GradCheck report prints a number: invariant, at most 6 decimals between 1e-3 and 1e6, otherwise a mantissa of
/// at most 3 decimals with an exponent (3.3e-11); NaN, +inf and -inf spelled out. Tools that print reports of their own
/// (the gradcheck command) use it so that their digits match <see cref="GradientReport.ToString"/>.
/// </summary>
public static class ReportNumber
{
    /// <summary>The number as the reports print it.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value == 0 ? "0"
        : Math.Abs(value) is >= 1e-3 and < 1e6 ? value.ToString("0.######", CultureInfo.InvariantCulture)
        : value.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
