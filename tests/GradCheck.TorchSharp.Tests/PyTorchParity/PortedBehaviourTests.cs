using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// PyTorch's gradcheck tests that already held (test_unrelated_inputs, test_return_duplicate, test_select_sum,
/// test_where_functional, test_inplace_on_view_gradcheck), kept in full and projection mode so the new contract
/// passes (zero and undefined grad_outputs) do not break them.
/// </summary>
public sealed class PortedBehaviourTests
{
    public static TheoryData<string, TorchCheckMode> Cases()
    {
        var data = new TheoryData<string, TorchCheckMode>();
        foreach (var name in new[] { "unrelated input", "duplicate output", "select sum", "where", "in-place on a view" })
            foreach (var mode in new[] { TorchCheckMode.Full, TorchCheckMode.Projection })
                data.Add(name, mode);
        return data;
    }

    private static (Func<Tensor[], Tensor[]> Function, Tensor[] Inputs) Case(string name)
    {
        torch.random.manual_seed(3);
        var a = randn(2, 3, dtype: float64).requires_grad_();
        var b = randn(2, 3, dtype: float64).requires_grad_();
        return name switch
        {
            "unrelated input" => (t => [t[0] * 2], [a, b]),
            "duplicate output" => (t => { var y = t[0] * t[1]; return [y, y]; }, [a, b]),
            "select sum" => (t => [t[0].select(0, 1).sum()], [a]),
            "where" => (t => [where(t[0] > 0, t[0], t[1])], [a, b]),
            _ => (t => { var c = t[0].clone(); c[TensorIndex.Single(1)].mul_(t[1][TensorIndex.Single(0)]); return [c]; }, [a, b]),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Passes(string name, TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var (function, inputs) = Case(name);
        var report = TorchGradCheck.Run(function, inputs, new TorchCheckOptions { Mode = mode });
        Assert.True(report.Passed, report.ToString());
    }
}
