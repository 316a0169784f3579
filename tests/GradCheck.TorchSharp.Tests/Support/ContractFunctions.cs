using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.Support;

/// <summary>
/// Custom functions that break a backward contract PyTorch's gradcheck tests enforce (test_autograd.py:
/// test_gradcheck_undefined_grad, test_invalid_gradients, test_custom_function_exception, test_gradcheck_*), all of
/// y = 2x (or two outputs 2x, 3x) with a planted backward bug.
/// </summary>
public static class ContractFunctions
{
    public abstract class DoubleBase<T> : GuardedSingleTensorFunction<T> where T : DoubleBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        public override Tensor ForwardPass(autograd.AutogradContext ctx, object[] vars) => ((Tensor)vars[0]) * 2;
    }

    /// <summary>The guarded y = 2x, backward right.</summary>
    public sealed class GuardedDouble : DoubleBase<GuardedDouble>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, Tensor grad_output) => [grad_output * 2];
    }

    /// <summary>Backward throws (test_custom_function_exception).</summary>
    public sealed class GuardedThrows : DoubleBase<GuardedThrows>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, Tensor grad_output) => throw new InvalidOperationException("planted failure in backward");
    }

    /// <summary>Backward returns 10 elements for an input of 25 (test_invalid_gradients: libtorch terminates on it unguarded).</summary>
    public sealed class GuardedWrongShape : DoubleBase<GuardedWrongShape>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, Tensor grad_output) => [ones(10, dtype: grad_output.dtype)];
    }

    /// <summary>Backward returns float32 for a float64 input (libtorch converts it silently).</summary>
    public sealed class GuardedWrongDtype : DoubleBase<GuardedWrongDtype>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, Tensor grad_output) => [(grad_output * 2).to(float32)];
    }

    /// <summary>Unguarded: backward returns a sparse gradient for a dense input (libtorch passes it through).</summary>
    public sealed class SparseGradient : autograd.SingleTensorFunction<SparseGradient>
    {
        public override string Name => nameof(SparseGradient);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars) => ((Tensor)vars[0]) * 2;

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) => [(grad_output * 2).to_sparse()];
    }

    /// <summary>Unguarded: backward adds 1e-2 whatever grad_output is (PyTorch: "backward not multiplied by grad_output").</summary>
    public sealed class IgnoresGradOutput : autograd.SingleTensorFunction<IgnoresGradOutput>
    {
        public override string Name => nameof(IgnoresGradOutput);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars) => ((Tensor)vars[0]) * 2;

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) => [(grad_output * 2) + 1e-2];
    }

    /// <summary>Two outputs (2x, 3x); undefined gradients are not materialized, so backward sees invalid tensors.</summary>
    public abstract class PairBase<T> : GuardedMultiTensorFunction<T> where T : PairBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        public override List<Tensor> ForwardPass(autograd.AutogradContext ctx, object[] vars)
        {
            ctx.set_materialize_grads(false);
            var x = (Tensor)vars[0];
            ctx.save_data("shape", x.shape);
            return [x * 2, x * 3];
        }

        protected static Tensor Part(Tensor g, double factor, long[] shape) => g.IsInvalid ? zeros(shape, dtype: float64) : g * factor;
    }

    /// <summary>Handles undefined output gradients as zero: right.</summary>
    public sealed class PairHandlesUndefined : PairBase<PairHandlesUndefined>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, List<Tensor> g)
        {
            var shape = (long[])ctx.get_data("shape");
            return [Part(g[0], 2, shape) + Part(g[1], 3, shape)];
        }
    }

    /// <summary>Uses the second output's gradient without checking it is defined: throws on an undefined one.</summary>
    public sealed class PairAssumesDefined : PairBase<PairAssumesDefined>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, List<Tensor> g)
        {
            var shape = (long[])ctx.get_data("shape");
            return [Part(g[0], 2, shape) + (g[1] * 3)];
        }
    }

    /// <summary>Treats an undefined gradient as ones: a nonzero input gradient where it must be zero.</summary>
    public sealed class PairUndefinedAsOnes : PairBase<PairUndefinedAsOnes>
    {
        public override List<Tensor> BackwardPass(autograd.AutogradContext ctx, List<Tensor> g)
        {
            var shape = (long[])ctx.get_data("shape");
            Tensor Or1(Tensor t, double factor) => t.IsInvalid ? ones(shape, dtype: float64) * factor : t * factor;
            return [Or1(g[0], 2) + Or1(g[1], 3)];
        }
    }
}
