using System.Numerics;
using GradCheck.Tests.RealNetworks.Corpus;

namespace GradCheck.Tests.Models;

/// <summary>
/// A tensor whose exact gradient is 0 by structure (a bias followed by centring, as batch norm centres a conv layer's
/// output): its computed gradient is the cancellation of model-sized terms, zero at floating-point precision, and has no
/// scale of its own to be resolved at. ModelCheck resolves it at the model's scale, says so, and still fails a wrong one.
/// </summary>
public class ZeroGradientTensorTests
{
    /// <summary>z = x·w + b over 32 samples, centred (z − mean z), loss ½·mean of squares + ½·0.1·|w|²: b cancels exactly.</summary>
    private sealed class Centred(double biasGradientError = 0) : INet
    {
        private const int Samples = 32, Features = 3;
        private readonly double[][] _x = Enumerable.Range(0, Samples).Select(s => { var r = new Random(100 + s); return Enumerable.Range(0, Features).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
        public string Name => "centred regression";
        public int Size => Features + 1;
        public double[] Init(int seed) => [0.7, -1.3, 0.4, 0.25];
        public bool MissingActivationDerivative { get; init; }
        public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
        public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

        private T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
        {
            var z = new T[Samples];
            T mean = T.Zero, n = T.CreateChecked(Samples);
            for (int s = 0; s < Samples; s++)
            {
                T acc = w[Features];
                for (int i = 0; i < Features; i++) acc += T.CreateChecked(_x[s][i]) * w[i];
                z[s] = acc;
                mean += acc / n;
            }
            T loss = T.Zero, decay = T.CreateChecked(0.1);
            for (int s = 0; s < Samples; s++) loss += (z[s] - mean) * (z[s] - mean) / (T.CreateChecked(2) * n);
            for (int i = 0; i < Features; i++) loss += decay * w[i] * w[i] / T.CreateChecked(2);
            if (g is null) return loss;
            // dL/dz_s = (c_s − mean c)/n with c = z − mean z; the bias gets Σ dL/dz_s, 0 up to rounding.
            T meanC = T.Zero;
            for (int s = 0; s < Samples; s++) meanC += (z[s] - mean) / n;
            for (int s = 0; s < Samples; s++)
            {
                T dz = (z[s] - mean - meanC) / n;
                for (int i = 0; i < Features; i++) g[i] += dz * T.CreateChecked(_x[s][i]);
                g[Features] += dz;
            }
            for (int i = 0; i < Features; i++) g[i] += decay * w[i];
            g[Features] += T.CreateChecked(biasGradientError);
            return loss;
        }
    }

    private static readonly (string, int)[] Tensors = [("weight", 3), ("bias", 1)];

    [Fact]
    public void A_zero_gradient_tensor_passes_at_the_model_scale_in_float_and_double()
    {
        var net = new Centred();
        var inDouble = ModelCheck.Run(new NetModel<double>(net, net.Init(0), Tensors));
        var inFloat = ModelCheck.Run(new NetModel<float>(net, net.Init(0).Select(v => (float)v).ToArray(), Tensors));

        foreach (var report in new[] { inDouble, inFloat })
        {
            Assert.Equal(CheckOutcome.Passed, report.Outcome);
            var bias = Assert.Single(report.Parameters, p => p.Name == "bias");
            Assert.InRange(Math.Abs(bias.Report.Entries[0].Analytic), 0, 1e-6);
            Assert.Contains(report.Warnings, w => w.StartsWith("bias: its gradient is zero at floating-point precision", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Warnings, w => w.StartsWith("weight: its gradient is zero", StringComparison.Ordinal));
            // The note says what the tolerance is; "checked only coarsely" on the same entries would say it twice.
            Assert.DoesNotContain(bias.Report.Warnings, w => w.Contains("checked only coarsely", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void In_fast_mode_the_zero_gradient_tensor_is_not_also_called_coarse()
    {
        var net = new Centred();
        var report = ModelCheck.Run(new NetModel<double>(net, net.Init(0), Tensors), new GradientCheckOptions { Mode = CheckMode.Fast, Seed = 1 });

        Assert.Equal(CheckOutcome.Passed, report.Outcome);
        var bias = Assert.Single(report.Parameters, p => p.Name == "bias");
        Assert.DoesNotContain(bias.Report.Warnings, w => w.Contains("checked only coarsely", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(-0.05)]
    public void A_wrong_gradient_for_that_tensor_still_fails(double error)
    {
        var net = new Centred(error);
        var inDouble = ModelCheck.Run(new NetModel<double>(net, net.Init(0), Tensors));
        var inFloat = ModelCheck.Run(new NetModel<float>(net, net.Init(0).Select(v => (float)v).ToArray(), Tensors));

        var fast = ModelCheck.Run(new NetModel<double>(net, net.Init(0), Tensors), new GradientCheckOptions { Mode = CheckMode.Fast, Seed = 1 });

        Assert.Equal(CheckOutcome.Failed, inDouble.Outcome);
        Assert.Equal(CheckOutcome.Failed, inFloat.Outcome);
        Assert.Equal("bias", Assert.Single(inDouble.Parameters, p => p.Outcome == CheckOutcome.Failed).Name);
        Assert.Equal("bias", Assert.Single(fast.Parameters, p => p.Outcome == CheckOutcome.Failed).Name);
    }
}
