using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The Jacobian as autograd computes it: one vector-Jacobian product (<c>torch.autograd.grad</c>) per output element,
/// i.e. one row of the Jacobian per call, for all checked inputs at once.
/// </summary>
internal static class AnalyticJacobian
{
    /// <summary>J[o][i] is the block d output o / d input i, row-major with one row per element of output o (per stored value of a sparse input).</summary>
    public static double[][][] Compute(Evaluator evaluator, Tensor[] inputs, IReadOnlyList<string> outputNames, ref int backwardPasses)
    {
        using var scope = NewDisposeScope();
        var outputs = evaluator.Forward();
        ThrowIfUnconnected(outputs, outputNames);

        using var grad = enable_grad();
        // Every input enters the differentiated scalar with weight 0: an input the output does not use then gets an
        // exact zero gradient instead of a libtorch "unused input" error (which may abort the process).
        Tensor anchor = inputs.Select(x => x.sum() * 0.0).Aggregate((a, b) => a + b);
        var jacobian = new double[outputs.Length][][];
        for (int o = 0; o < outputs.Length; o++)
        {
            var flat = outputs[o].reshape(-1);
            long rows = flat.numel();
            jacobian[o] = inputs.Select(x => new double[rows * SparseInputs.Perturbed(x).numel()]).ToArray();
            for (long j = 0; j < rows; j++)
            {
                using var rowScope = NewDisposeScope();
                var scalar = flat[j] + anchor;
                var grads = torch.autograd.grad([scalar], inputs, null, retain_graph: true, create_graph: false, allow_unused: false);
                backwardPasses++;
                BackwardGuard.ThrowIfFaulted("the backward pass for row " + j.ToString(CultureInfo.InvariantCulture) + " of " + outputNames[o]);
                for (int i = 0; i < inputs.Length; i++)
                {
                    var row = SparseInputs.GradientValues(grads[i], inputs[i]);
                    Array.Copy(row, 0, jacobian[o][i], j * row.LongLength, row.LongLength);
                }
            }
        }
        return jacobian;
    }

    /// <summary>Validates before autograd.grad: libtorch errors inside it can abort the process instead of throwing.</summary>
    public static void ThrowIfUnconnected(Tensor[] outputs, IReadOnlyList<string> outputNames)
    {
        for (int o = 0; o < outputs.Length; o++)
        {
            if (!outputs[o].requires_grad)
                throw new GradientCheckException(string.Create(CultureInfo.InvariantCulture,
                    $"{outputNames[o]} is not connected to any input that requires grad (its requires_grad is false), so autograd has no derivative for it. ")
                    + "It was computed under no_grad, from detached tensors (.detach(), .data<T>(), .item()), or only from inputs that do not require grad. "
                    + "Return only outputs that depend on the checked inputs, or call requires_grad_() on the inputs it depends on.");
        }
    }
}
