using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// Item 3 of issue 14 (gradcheck.py _check_inputs: only overlapping inputs are refused; test_gradcheck_validates_inputs,
/// test_select_sum): transposed and sliced inputs are checked as given, through the view.
/// </summary>
public sealed class StridedInputTests
{
    public static TheoryData<string, TorchCheckMode> Cases => new()
    {
        { "transposed", TorchCheckMode.Full },
        { "transposed", TorchCheckMode.Projection },
        { "sliced", TorchCheckMode.Full },
        { "sliced", TorchCheckMode.Projection },
    };

    private static Tensor Strided(string kind)
    {
        var base_ = tensor(new double[] { 0.5, -1.5, 2.0, 0.25, -0.75, 1.25, 3.0, -2.5 }).reshape(2, 4);
        var view = kind == "transposed" ? base_.t() : base_[TensorIndex.Colon, TensorIndex.Slice(0, 4, 2)];
        Assert.False(view.is_contiguous());
        return view.requires_grad_();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_non_contiguous_input_is_checked_as_given_and_left_bit_identical(string kind, TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = Strided(kind);
        var before = TorchState.Bits(x.contiguous());
        var strides = x.stride();
        bool sawStrided = true;
        var report = TorchGradCheck.Run(t =>
        {
            sawStrided &= !t[0].is_contiguous();
            return t[0] * t[0];
        }, [x], new TorchCheckOptions { Mode = mode });

        Assert.True(report.Passed, report.ToString());
        Assert.True(sawStrided, "the function must see the input as given, not a contiguous copy");
        Assert.Equal(before, TorchState.Bits(x.contiguous()));
        Assert.Equal(strides, x.stride());
        if (mode == TorchCheckMode.Full)
        {
            // d(x²)/dx = 2x on the diagonal, in the view's row-major order.
            var values = x.contiguous().data<double>().ToArray();
            long columns = x.shape[1];
            for (int k = 0; k < values.Length; k++)
            {
                string at = $"[{k / columns},{k % columns}]";
                Assert.Equal(2 * values[k], report.Entries.Single(e => e.Label == $"input 0 {at} w.r.t. output 0 {at}").Analytic);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_wrong_backward_on_a_strided_input_fails(string kind, TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(t => PlantedFunctions.CubeWrongFactor.apply(t[0]), [Strided(kind)], new TorchCheckOptions { Mode = mode });
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
    }

    [Fact]
    public void Gradgradcheck_takes_a_strided_input_too()
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.GradGradCheck(t => t[0].sin() * t[0], [Strided("transposed")]);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void An_overlapping_input_is_refused_with_what_to_do()
    {
        using var scope = NewDisposeScope();
        var expanded = tensor(new double[] { 1, 2, 3 }).expand(2, 3).requires_grad_();
        var e = Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => t[0] * 2, [expanded]));
        Assert.Contains("input 0 [2,3] (float64) has overlapping memory (dimension 0: size 2, stride 0", e.Message);
        Assert.Contains("x.detach().contiguous().requires_grad_()", e.Message);
    }
}
