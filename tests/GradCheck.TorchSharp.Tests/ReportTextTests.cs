using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>The text of tensor reports: output shapes as shapes, one number format throughout.</summary>
public sealed class ReportTextTests
{
    [Fact]
    public void An_output_of_shape_3_by_4_is_printed_as_3_4_and_not_as_the_length_of_its_shape()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-1, 1, 12, dtype: float64).reshape(3, 4).requires_grad_();

        var report = TorchGradCheck.Run(t => t[0].sin(), [x]);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["output 0 [3,4] (float64)"], report.Outputs);
        Assert.Contains("outputs: output 0 [3,4] (float64)", report.ToString());
    }

    [Fact]
    public void The_summary_prints_the_largest_error_to_tolerance_in_the_core_reports_number_format()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-1, 1, 12, dtype: float64).reshape(3, 4).requires_grad_();

        var report = TorchGradCheck.Run(t => t[0].sin(), [x]);

        var worst = Regex.Match(report.Summary, @"largest error/tolerance (\S+) at").Groups[1].Value;
        Assert.NotEqual("0", worst); // sin's finite differences are not exact: a real positive ratio is printed
        // The core's format: plain decimals, or a mantissa of at most 3 decimals with a lower-case exponent (3.3e-11),
        // as in each input's table; .NET's G3 ("3.3E-11") was the second format.
        Assert.Matches(@"^\d+(\.\d{1,3})?e-\d+$|^0\.\d+$", worst);
        Assert.Contains(worst, report.Inputs[0].Report.ToString());
    }
}
