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
    // gradOutputs: the vectors v, one per output with its shape; null to draw them (seeded by the core options' Seed).
    // Those that require grad are checked like inputs, the others are constants.
    public static TensorCheckReport Check(Func<Tensor[], Tensor[]> function, Tensor[] inputs, Tensor[]? gradOutputs, TorchCheckOptions options,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        cancellation.ThrowIfCancellationRequested(); // before the vectors are drawn, which calls the function
        var names = Enumerable.Range(0, inputs.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"input {i}")).ToArray();
        int[] checkedInputs = InputValidation.CheckedInputs(inputs, names, options.Precision);
        if (checkedInputs.FirstOrDefault(i => inputs[i].is_sparse, -1) is var sparse and >= 0)
            throw new ArgumentException($"{names[sparse]} is sparse; gradgradcheck takes dense inputs (TorchSharp's double backward through sparse layouts is not checked here). Pass x.to_dense().requires_grad_().", nameof(inputs));

        using var scope = NewDisposeScope();
        var vectors = gradOutputs is null ? GradOutputs(function, inputs, options) : Validated(function, inputs, gradOutputs, options);
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
            BackwardGuard.ThrowIfFaulted("the first backward pass (inside gradgradcheck's vᵀ·∂f/∂x)");
            return grads.Select(g => g + anchor).ToArray();
        }

        var vectorNames = vectors.Select((_, o) => string.Create(CultureInfo.InvariantCulture, $"grad_output {o}"));
        return TensorJacobianCheck.Run("gradgradcheck", Vjp, inputs.Concat(vectors).ToArray(), names.Concat(vectorNames).ToArray(),
            options, null, valuesNeedGrad: true, cancellation);
    }

    /// <summary>The caller's vectors, checked against the outputs on our side (libtorch may abort on a shape mismatch).</summary>
    private static Tensor[] Validated(Func<Tensor[], Tensor[]> function, Tensor[] inputs, Tensor[] gradOutputs, TorchCheckOptions options)
    {
        var outputs = Outputs(function, inputs, options);
        if (gradOutputs.Length != outputs.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{gradOutputs.Length} grad_outputs for {outputs.Length} outputs: pass one tensor per output, with its shape."), nameof(gradOutputs));
        for (int o = 0; o < outputs.Length; o++)
        {
            var v = gradOutputs[o] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"grad_outputs[{o}] is null; pass one tensor per output."), nameof(gradOutputs));
            if (!v.shape.SequenceEqual(outputs[o].shape) || !v.is_floating_point() || v.is_complex())
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"grad_outputs[{o}] is {TensorValues.Shape(v)} ({TensorValues.Name(v.dtype)}); output {o} is {TensorValues.Shape(outputs[o])} ({TensorValues.Name(outputs[o].dtype)}). Pass a real floating-point tensor of the output's shape."), nameof(gradOutputs));
        }
        return gradOutputs;
    }

    private static Tensor[] Outputs(Func<Tensor[], Tensor[]> function, Tensor[] inputs, TorchCheckOptions options)
    {
        using var guard = new TorchStateGuard(null, options.SingleThreaded); // the seed replay below must not leak out
        using (no_grad())
        {
            if (options.Randomness == RandomnessHandling.ReplaySeed) torch.random.manual_seed(options.ReplaySeed);
            return function(inputs) ?? throw new ArgumentException("The function returned null.", nameof(function));
        }
    }

    /// <summary>The vectors v: fixed pseudo-random values (System.Random, so torch's global generator is not touched).</summary>
    private static Tensor[] GradOutputs(Func<Tensor[], Tensor[]> function, Tensor[] inputs, TorchCheckOptions options)
    {
        var outputs = Outputs(function, inputs, options);
        var random = new Random(options.Core.Seed ?? 20_261_127);
        return outputs.Select(y =>
        {
            var values = Enumerable.Range(0, checked((int)y.numel())).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var dtype = y.is_floating_point() ? y.dtype : ScalarType.Float64;
            return tensor(values, dtype: dtype).reshape(y.shape).requires_grad_();
        }).ToArray();
    }
}
