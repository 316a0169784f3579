using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// gradgradcheck as a gradcheck: F(x, v) = vᵀ·∂f/∂x from autograd with create_graph (and retain_graph, which TorchSharp
/// does not imply), checked with respect to x and v. A wrong double backward shows as a wrong Jacobian of F.
/// </summary>
internal static class SecondDerivatives
{
    public static TensorCheckReport Check(Func<Tensor[], Tensor[]> function, Tensor[] inputs, TorchCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        var names = Enumerable.Range(0, inputs.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"input {i}")).ToArray();
        int[] checkedInputs = InputValidation.CheckedInputs(inputs, names, options.Precision);

        using var scope = NewDisposeScope();
        var vectors = GradOutputs(function, inputs, options);
        int n = inputs.Length;
        Tensor[] Vjp(Tensor[] all)
        {
            var x = all.Take(n).ToArray();
            var v = all.Skip(n).ToArray();
            var outputs = function(x);
            if (outputs is null || outputs.Length != v.Length)
                throw new ArgumentException("The function returned a different number of outputs than at the first call.", "function");
            var diff = checkedInputs.Select(i => x[i]).ToArray();
            // Weight-0 terms keep every input and vector in the graph: no "unused input" error inside libtorch, and every
            // output of F stays connected even where a derivative is identically zero.
            Tensor anchor = diff.Concat(v).Select(t => t.sum() * 0.0).Aggregate((a, b) => a + b);
            Tensor scalar = outputs.Select((y, o) => (y * v[o]).sum()).Aggregate((a, b) => a + b) + anchor;
            var grads = torch.autograd.grad([scalar], diff, null, retain_graph: true, create_graph: true, allow_unused: false);
            return grads.Select(g => g + anchor).ToArray();
        }

        var vectorNames = vectors.Select((_, o) => string.Create(CultureInfo.InvariantCulture, $"grad_output {o}"));
        return TensorJacobianCheck.Run("gradgradcheck", Vjp, inputs.Concat(vectors).ToArray(), names.Concat(vectorNames).ToArray(),
            options, null, valuesNeedGrad: true);
    }

    /// <summary>The vectors v: fixed pseudo-random values (System.Random, so torch's global generator is not touched).</summary>
    private static Tensor[] GradOutputs(Func<Tensor[], Tensor[]> function, Tensor[] inputs, TorchCheckOptions options)
    {
        Tensor[] outputs;
        using var guard = new TorchStateGuard(null, options.SingleThreaded); // the seed replay below must not leak out
        using (no_grad())
        {
            if (options.Randomness == RandomnessHandling.ReplaySeed) torch.random.manual_seed(options.ReplaySeed);
            outputs = function(inputs) ?? throw new ArgumentException("The function returned null.", nameof(function));
        }
        var random = new Random(options.Core.Seed ?? 20_261_127);
        return outputs.Select(y =>
        {
            var values = Enumerable.Range(0, checked((int)y.numel())).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var dtype = y.is_floating_point() ? y.dtype : ScalarType.Float64;
            return tensor(values, dtype: dtype).reshape(y.shape).requires_grad_();
        }).ToArray();
    }
}
