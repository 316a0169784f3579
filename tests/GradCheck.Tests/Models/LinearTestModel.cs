using System.Numerics;

namespace GradCheck.Tests.Models;

/// <summary>
/// y = W·x + b with loss (1/B)·Σ ½‖W·x + b − y‖² + (λ/2)‖W‖² over a fixed batch. Backward is the exact, hand-derived
/// gradient: dW = (1/B)·Σ r·xᵀ + λ·W, db = (1/B)·Σ r with r = W·x + b − y. <see cref="Bug"/> edits the correct
/// gradient afterwards, to plant a known mistake.
/// </summary>
public sealed class LinearTestModel<T> : IDifferentiableModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[][] _x, _y;
    private readonly T _decay;

    public LinearTestModel(int outputs, int inputs, int batch = 5, int seed = 1, double weightDecay = 0)
    {
        Outputs = outputs;
        Inputs = inputs;
        var random = new Random(seed);
        T Next() => T.CreateChecked(random.NextDouble() * 2 - 1);
        _x = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, inputs).Select(_ => Next()).ToArray()).ToArray();
        _y = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, outputs).Select(_ => Next()).ToArray()).ToArray();
        Weight = Enumerable.Range(0, outputs * inputs).Select(_ => Next()).ToArray();
        Bias = Enumerable.Range(0, outputs).Select(_ => Next()).ToArray();
        WeightGradient = new T[Weight.Length];
        BiasGradient = new T[Bias.Length];
        _decay = T.CreateChecked(weightDecay);
        Parameters =
        [
            new Parameter<T>("fc.weight", Weight, WeightGradient, [outputs, inputs]),
            new Parameter<T>("fc.bias", Bias, BiasGradient, [outputs]),
        ];
    }

    public int Outputs { get; }
    public int Inputs { get; }
    public int Batch => _x.Length;
    public T[] Weight { get; }
    public T[] Bias { get; }
    public T[] WeightGradient { get; }
    public T[] BiasGradient { get; }
    public int LossCalls { get; private set; }

    /// <summary>Plants a bug: runs after the correct backward pass and may edit the gradients.</summary>
    public Action<LinearTestModel<T>>? Bug { get; init; }

    /// <summary>Called at the start of every Loss() (to throw, cancel, …).</summary>
    public Action<LinearTestModel<T>>? OnLoss { get; init; }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public T Loss()
    {
        LossCalls++;
        OnLoss?.Invoke(this);
        T half = T.CreateChecked(0.5), loss = T.Zero;
        for (int n = 0; n < Batch; n++)
            foreach (var r in Residual(n)) loss += half * r * r;
        loss /= T.CreateChecked(Batch);
        T squares = T.Zero;
        foreach (var w in Weight) squares += w * w;
        return loss + half * _decay * squares;
    }

    public void Backward()
    {
        Array.Clear(WeightGradient);
        Array.Clear(BiasGradient);
        T scale = T.One / T.CreateChecked(Batch);
        for (int n = 0; n < Batch; n++)
        {
            var r = Residual(n);
            for (int o = 0; o < Outputs; o++)
            {
                BiasGradient[o] += r[o] * scale;
                for (int i = 0; i < Inputs; i++) WeightGradient[o * Inputs + i] += r[o] * _x[n][i] * scale;
            }
        }
        for (int k = 0; k < Weight.Length; k++) WeightGradient[k] += _decay * Weight[k];
        Bug?.Invoke(this);
    }

    private T[] Residual(int n)
    {
        var r = new T[Outputs];
        for (int o = 0; o < Outputs; o++)
        {
            r[o] = Bias[o] - _y[n][o];
            for (int i = 0; i < Inputs; i++) r[o] += Weight[o * Inputs + i] * _x[n][i];
        }
        return r;
    }
}

/// <summary>Bit-exact comparison of parameter values (−0 and NaN payloads included).</summary>
public static class Bits
{
    public static long[] Of(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    public static long[] Of(float[] values) => values.Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray();
}
