using GradCheck.TorchSharp.Tests.Support;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>
/// A TorchSharp check as a <c>gradcheck</c> case (issue 13): the tool does not depend on TorchSharp, so a user wraps
/// <see cref="TorchGradCheck.Run(Func{Tensor[], Tensor}, Tensor[], TorchCheckOptions, CancellationToken)"/> with the core's generic
/// <see cref="CheckCase.Create{TReport}"/>, passing the runner's options on as <see cref="TorchCheckOptions.Check"/>. In a
/// user's assembly the method below carries <c>[GradientCheckCase]</c>, and <c>gradcheck run</c> shows the report's
/// summary, and its text unless it passed, like any report without an entry table.
/// </summary>
public sealed class CheckCaseTests
{
    /// <summary>y = x³ through a custom autograd function, checked with the runner's options; the inputs are built per run.</summary>
    [GradientCheckCase(Description = "a custom autograd function checked with TorchGradCheck")]
    public static CheckCase Cube() => CubeCase<PlantedFunctions.Cube>("torch-cube");

    private static CheckCase CubeCase<T>(string name) where T : PlantedFunctions.CubeBase<T>, new() =>
        CheckCase.Create(name, (options, cancellation) =>
        {
            using var scope = NewDisposeScope();
            var x = tensor(new[] { 0.3, -0.7, 1.2 }).requires_grad_();
            return TorchGradCheck.Run(t => PlantedFunctions.CubeBase<T>.apply(t[0]), [x], new TorchCheckOptions { Check = options }, cancellation);
        });

    [Fact]
    public void A_wrapped_TorchSharp_check_is_one_group_whose_report_is_the_TensorCheckReport()
    {
        var result = Cube().Run(new GradientCheckOptions { Seed = 3 });

        var group = Assert.Single(result.Groups);
        var report = Assert.IsType<TensorCheckReport>(group.CheckReport);
        Assert.True(result.Passed, report.ToString());
        Assert.Equal("torch-cube", group.Name);
        Assert.Equal(3 * 3, Assert.Single(report.Inputs).Report.Entries.Count);   // the full 3×3 Jacobian of an elementwise cube
        Assert.Equal(report.FunctionEvaluations, result.FunctionEvaluations);
        Assert.Throws<InvalidOperationException>(() => group.Report);   // no single gradient report stands for it
    }

    [Fact]
    public void A_planted_backward_bug_fails_the_case_with_the_wrong_entries_named()
    {
        var result = CubeCase<PlantedFunctions.CubeWrongFactor>("torch-cube-bug").Run();

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        var report = (TensorCheckReport)result.Groups[0].CheckReport;
        // Backward factor 2 instead of 3: at x₀ = 0.3 the claimed 2·0.09 against the true 3·0.09.
        var first = report.Failures.Single(e => e.Index == 0);
        Assert.Equal(2 * 0.09, first.Analytic, 12);
        Assert.Equal(3 * 0.09, first.Numeric, 8);
        Assert.Contains("input 0 [0] w.r.t. output 0 [0]", report.FailureMessage());
    }

    [Fact]
    public void The_runners_mode_acceptance_and_cancellation_reach_the_wrapped_check()
    {
        var fast = Cube().Run(new GradientCheckOptions { Mode = CheckMode.Fast, AcceptInconclusive = true });
        var report = (TensorCheckReport)fast.Groups[0].CheckReport;

        Assert.Contains("(projection)", report.Title);   // the core's fast mode selects the projection
        Assert.True(report.AcceptsInconclusive);
        Assert.True(fast.Passed);
        Assert.Throws<OperationCanceledException>(() => Cube().Run(null, new CancellationToken(canceled: true)));
    }
}
