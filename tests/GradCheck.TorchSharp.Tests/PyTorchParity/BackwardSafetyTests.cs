using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using static GradCheck.TorchSharp.Tests.Support.ContractFunctions;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// Item 8 of issue 14 (PyTorch: test_custom_function_exception, test_invalid_gradients): a custom backward that
/// throws or returns a gradient of the wrong shape. Unguarded, TorchSharp lets either kill the process; derived from
/// the guarded base classes, the check fails with a catchable exception naming the function, the input and the shapes.
/// Every scenario runs in a child process, so a regression fails one test instead of killing the test host.
/// </summary>
public sealed class BackwardSafetyTests
{
    private static Tensor X() => arange(25, dtype: float64).reshape(5, 5).div(10).requires_grad_();

    private static string Outcome(Func<TensorCheckReport> check)
    {
        try
        {
            return "report: " + check().Summary;
        }
        catch (GradientCheckException e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    [ChildScenario]
    public static string ThrowingBackwardFull() => Outcome(() => TorchGradCheck.Run(t => GuardedThrows.apply(t[0]), [X()]));

    [ChildScenario]
    public static string ThrowingBackwardProjection() =>
        Outcome(() => TorchGradCheck.Run(t => GuardedThrows.apply(t[0]), [X()], new TorchCheckOptions { Mode = TorchCheckMode.Projection }));

    [ChildScenario]
    public static string ThrowingBackwardGradGrad() => Outcome(() => TorchGradCheck.GradGradCheck(t => GuardedThrows.apply(t[0]), [X()]));

    [ChildScenario]
    public static string WrongShapeFull() => Outcome(() => TorchGradCheck.Run(t => GuardedWrongShape.apply(t[0]), [X()]));

    [ChildScenario]
    public static string WrongShapeProjection() =>
        Outcome(() => TorchGradCheck.Run(t => GuardedWrongShape.apply(t[0]), [X()], new TorchCheckOptions { Mode = TorchCheckMode.Projection }));

    [ChildScenario]
    public static string WrongShapeGradGrad() => Outcome(() => TorchGradCheck.GradGradCheck(t => GuardedWrongShape.apply(t[0]), [X()]));

    /// <summary>Outside a check: plain backward() survives, and the fault is thrown where the user asks for it.</summary>
    [ChildScenario]
    public static string WrongShapeOutsideACheck()
    {
        using var scope = NewDisposeScope();
        var x = X();
        GuardedWrongShape.apply(x).sum().backward();
        string grad = x.grad is null ? "no grad" : $"grad {x.grad.abs().sum().item<double>()}";
        try
        {
            CustomBackwardException.ThrowIfAny();
            return grad + ", no fault";
        }
        catch (CustomBackwardException e)
        {
            return $"{grad}; {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>The same bug in an unguarded function: what TorchSharp 0.107 does (documented; this test notices a fix upstream).</summary>
    [ChildScenario]
    public static string UnguardedThrowingBackward()
    {
        var x = X();
        TorchGradCheck.Run(t => UnguardedThrows.apply(t[0]), [x]);
        return "survived";
    }

    public sealed class UnguardedThrows : autograd.SingleTensorFunction<UnguardedThrows>
    {
        public override string Name => nameof(UnguardedThrows);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars) => ((Tensor)vars[0]) * 2;

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) => throw new InvalidOperationException("planted failure");
    }

    [Theory]
    [InlineData(nameof(ThrowingBackwardFull))]
    [InlineData(nameof(ThrowingBackwardProjection))]
    [InlineData(nameof(ThrowingBackwardGradGrad))]
    public void A_guarded_backward_that_throws_fails_the_check_and_the_process_survives(string scenario)
    {
        var (exit, output) = ChildProcess.Run(scenario);
        Assert.True(exit == ChildProcess.Survived, $"exit {exit}: {output}");
        Assert.StartsWith("CustomBackwardException: The backward of custom function GuardedThrows threw InvalidOperationException: planted failure in backward", output);
    }

    [Theory]
    [InlineData(nameof(WrongShapeFull))]
    [InlineData(nameof(WrongShapeProjection))]
    [InlineData(nameof(WrongShapeGradGrad))]
    public void A_guarded_backward_with_a_wrong_shape_fails_naming_the_function_input_and_shapes(string scenario)
    {
        var (exit, output) = ChildProcess.Run(scenario);
        Assert.True(exit == ChildProcess.Survived, $"exit {exit}: {output}");
        Assert.StartsWith("CustomBackwardException: The backward of custom function GuardedWrongShape returned for input 0 a gradient of shape [10]; the input has shape [5,5]", output);
    }

    [Fact]
    public void Outside_a_check_the_guard_hands_libtorch_zeros_and_throws_on_request()
    {
        var (exit, output) = ChildProcess.Run(nameof(WrongShapeOutsideACheck));
        Assert.True(exit == ChildProcess.Survived, $"exit {exit}: {output}");
        // No gradient reached x (the guard returned undefined gradients), and the fault names the shapes.
        Assert.StartsWith("no grad; CustomBackwardException: The backward of custom function GuardedWrongShape returned for input 0 a gradient of shape [10]", output);
    }

    [Fact]
    public void An_unguarded_backward_that_throws_still_kills_the_process_in_TorchSharp_0_107()
    {
        var (exit, output) = ChildProcess.Run(nameof(UnguardedThrowingBackward));
        Assert.NotEqual(ChildProcess.Survived, exit);
        Assert.Contains("planted failure", output);
    }

    [Fact]
    public void A_guarded_function_with_a_right_backward_passes_in_both_modes()
    {
        using var scope = NewDisposeScope();
        foreach (var mode in new[] { TorchCheckMode.Full, TorchCheckMode.Projection })
        {
            var report = TorchGradCheck.Run(t => GuardedDouble.apply(t[0]), [X()], new TorchCheckOptions { Mode = mode });
            Assert.True(report.Passed, report.ToString());
        }
    }
}
