using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.Support;

/// <summary>
/// Custom autograd functions: one correct, and the same with a planted bug each. The benchmarks link this file
/// and declare their own variants of these bases (they mirror a Python script line for line).
/// </summary>
public static class PlantedFunctions
{
    /// <summary>y = x³ + offset with a hand-written backward factor·x²; subclasses plant bugs.</summary>
    public abstract class CubeBase<T> : autograd.SingleTensorFunction<T> where T : CubeBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        protected virtual double Factor => 3;

        /// <summary>A constant added to y: it makes f's rounding large next to its changes, and leaves the derivative alone.</summary>
        protected virtual double Offset => 0;

        /// <summary>Detaching the saved input keeps the first derivative right and makes the double backward 0.</summary>
        protected virtual bool DetachesSavedInput => false;

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([x]);
            return Offset == 0 ? x.pow(3) : x.pow(3) + Offset;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            if (DetachesSavedInput) x = x.detach();
            return [grad_output * Factor * x.pow(2)];
        }
    }

    /// <summary>y = x³, backward 3x² (differentiable, so its double backward 6x is right too).</summary>
    public sealed class Cube : CubeBase<Cube>;

    /// <summary>y = x³ with the backward factor 2 instead of 3.</summary>
    public sealed class CubeWrongFactor : CubeBase<CubeWrongFactor>
    {
        protected override double Factor => 2;
    }

    /// <summary>y = x³ with a backward off by 0.05 % (factor 3.0015): below what float32 differences resolve reliably.</summary>
    public sealed class CubeSlightlyWrong : CubeBase<CubeSlightlyWrong>
    {
        protected override double Factor => 3.0015;
    }

    /// <summary>y = x³ with a correct first derivative whose own derivative is wrong: the double backward is 0 instead of 6x.</summary>
    public sealed class CubeWrongSecondDerivative : CubeBase<CubeWrongSecondDerivative>
    {
        protected override bool DetachesSavedInput => true;
    }

    /// <summary>Two outputs (sin x, cos x); backward is g0·cos x − g1·sin x, or with the second term missing.</summary>
    public abstract class SinCosBase<T> : autograd.MultiTensorFunction<T> where T : SinCosBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        protected virtual bool DropsSecondOutput => false;

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([x]);
            return [x.sin(), x.cos()];
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var x = ctx.get_saved_variables()[0];
            var first = grad_outputs[0] * x.cos();
            return [DropsSecondOutput ? first : first - (grad_outputs[1] * x.sin())];
        }
    }

    public sealed class SinCos : SinCosBase<SinCos>;

    public sealed class SinCosMissingTerm : SinCosBase<SinCosMissingTerm>
    {
        protected override bool DropsSecondOutput => true;
    }

    /// <summary>y = x·Wᵀ + b (x [n,in], W [out,in], b [out]) with a hand-written backward; subclasses plant bugs.</summary>
    public abstract class LinearBase<T> : autograd.MultiTensorFunction<T> where T : LinearBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        protected virtual bool TransposedWeightGradient => false;

        protected virtual bool BiasGradientMissesRows => false;

        /// <summary>The weight gradient's entry [0,0] with the wrong sign.</summary>
        protected virtual bool FlipsOneSign => false;

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (x, w, b) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
            ctx.save_for_backward([x, w]);
            return [x.matmul(w.t()) + b];
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var saved = ctx.get_saved_variables();
            var (x, w) = (saved[0], saved[1]);
            var g = grad_outputs[0];
            var dx = g.matmul(w);
            // W is square in the tests (out == in), so a transposed gradient has the right shape and only wrong values.
            var dw = TransposedWeightGradient ? x.t().matmul(g) : g.t().matmul(x);
            if (FlipsOneSign)
            {
                var sign = ones_like(dw).flatten();
                sign[0] = tensor(-1.0, dtype: dw.dtype);
                dw = dw * sign.reshape(dw.shape);
            }
            // Not g.sum(0): a literal 0 binds to sum(ScalarType?) and sums everything.
            var db = BiasGradientMissesRows ? g[0] : g.sum(new long[] { 0 }, false, null);
            return [dx, dw, db];
        }
    }

    public sealed class Linear : LinearBase<Linear>;

    public sealed class LinearTransposedWeightGradient : LinearBase<LinearTransposedWeightGradient>
    {
        protected override bool TransposedWeightGradient => true;
    }

    /// <summary>The bias gradient keeps only the first row's term instead of the sum over the batch (a missing term).</summary>
    public sealed class LinearMissingTerm : LinearBase<LinearMissingTerm>
    {
        protected override bool BiasGradientMissesRows => true;
    }
}
