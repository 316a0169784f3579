using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// Item 2 of issue 14 (test_autograd.py: test_gradcheck_sparse_input, test_sparse_mm / gradcheck with masked sparse
/// inputs): a sparse COO input is checked through its stored values; a sparse output is refused with what to do.
/// </summary>
public sealed class SparseTests
{
    private static Tensor SparseX() => tensor(new double[] { 0, 2, 0, -3, 0, 5 }).reshape(2, 3).to_sparse().requires_grad_();

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void The_sum_of_a_sparse_input_is_checked_through_its_stored_values(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = SparseX();
        var report = TorchGradCheck.Run(t => t[0].to_dense().pow(2).sum(), [x], new TorchCheckOptions { Mode = mode });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal("input 0 values", Assert.Single(report.Inputs).Name);
        Assert.Equal([3L], report.Inputs[0].Shape); // the 3 stored values, not the 6 dense entries
        if (mode == TorchCheckMode.Full)
            Assert.Equal(new[] { 4.0, -6.0, 10.0 }, report.Entries.OrderBy(e => e.Index).Select(e => e.Analytic)); // 2·value
        Assert.Equal(new double[] { 0, 2, 0, -3, 0, 5 }, x.to_dense().data<double>().ToArray());
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_dense_input_times_a_sparse_input_checks_both(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var dense = tensor(new double[] { 0.5, -1, 1.5, 2, -0.5, 0.25 }).reshape(2, 3).requires_grad_();
        var report = TorchGradCheck.Run(t => t[0] * t[1].to_dense(), [dense, SparseX()], new TorchCheckOptions { Mode = mode });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["input 0", "input 1 values"], report.Inputs.Select(i => i.Name));
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_wrong_backward_through_a_sparse_input_fails(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        // d(Σ v³)/dv = 3v², but detaching one factor leaves autograd only v²·(…): a missing term, as in SafetyTests.
        var report = TorchGradCheck.Run(t => { var d = t[0].to_dense(); return (d.detach() * d * d).sum(); }, [SparseX()], new TorchCheckOptions { Mode = mode });
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
    }
}
