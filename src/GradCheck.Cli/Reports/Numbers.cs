using System.Globalization;

namespace GradCheck.Cli.Reports;

/// <summary>Number formatting shared by console and HTML output: short, invariant, readable over many magnitudes.</summary>
internal static class Numbers
{
    /// <summary>The core's own formatting, so the tool and <see cref="GradientReport.ToString"/> print the same digits.</summary>
    public static string Format(double value) => GradCheck.Reporting.ReportNumber.Format(value);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Shape(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape.Select(Format)) + "]";
}
