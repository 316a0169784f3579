using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.Benchmarks.Torch;

/// <summary>
/// Custom autograd functions with hand-written backward passes, correct and with planted bugs; the same definitions as in
/// benchmarks/pytorch/gradcheck_verdicts.py. Constructed by <see cref="VerdictComparison"/>.
/// </summary>
public static class PlantedTorchFunctions
{
    /// <summary>y = x³ + offset, backward factor·x².</summary>
    public abstract class CubeBase<T> : autograd.SingleTensorFunction<T> where T : CubeBase<T>, new()
    {
        public override string Name => typeof(T).Name;

        protected virtual double Factor => 3;

        protected virtual double Offset => 0;

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([x]);
            return Offset == 0 ? x.pow(3) : x.pow(3) + Offset;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            return [grad_output * Factor * x.pow(2)];
        }
    }

    public sealed class Cube : CubeBase<Cube>;

    /// <summary>Backward 2x² instead of 3x²: off by a factor.</summary>
    public sealed class CubeFactorTwo : CubeBase<CubeFactorTwo>
    {
        protected override double Factor => 2;
    }

    /// <summary>Backward off by 0.01 % (factor 3.0003).</summary>
    public sealed class CubeSlightlyOff : CubeBase<CubeSlightlyOff>
    {
        protected override double Factor => 3.0003;
    }

    /// <summary>y = x³ + 1e8, correct backward: a big constant makes f's rounding error large next to its changes.</summary>
    public sealed class CubeLargeOffset : CubeBase<CubeLargeOffset>
    {
        protected override double Offset => 1e8;
    }

    /// <summary>y = x·Wᵀ + b with a hand-written backward; optionally the weight gradient's entry [0,0] has the wrong sign.</summary>
    public abstract class LinearBase<T> : autograd.MultiTensorFunction<T> where T : LinearBase<T>, new()
    {
        public override string Name => typeof(T).Name;

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
            var dw = g.t().matmul(x);
            if (FlipsOneSign)
            {
                var sign = ones_like(dw).flatten();
                sign[0] = tensor(-1.0, dtype: dw.dtype);
                dw = dw * sign.reshape(dw.shape);
            }
            return [g.matmul(w), dw, g.sum(new long[] { 0 }, false, null)];
        }
    }

    public sealed class Linear : LinearBase<Linear>;

    public sealed class LinearWrongSign : LinearBase<LinearWrongSign>
    {
        protected override bool FlipsOneSign => true;
    }
}
