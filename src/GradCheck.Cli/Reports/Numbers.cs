using System.Globalization;

namespace GradCheck.Cli.Reports;

/// <summary>Number formatting shared by console and HTML output: short, invariant, readable over many magnitudes.</summary>
internal static class Numbers
{
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value == 0 ? "0"
        : Math.Abs(value) is >= 1e-3 and < 1e6 ? value.ToString("0.######", CultureInfo.InvariantCulture)
        : value.ToString("0.###e+0", CultureInfo.InvariantCulture);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Shape(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape.Select(Format)) + "]";
}
