using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// What a backward must do whatever the tolerance (PyTorch's <c>_test_backward_mul_by_grad_output</c> and
/// <c>_test_undefined_backward_mode</c>): with every grad_output zero, or undefined, every input gradient is exactly
/// zero (a backward that ignores grad_output, or adds a constant, fails here even when loose tolerances hide it from
/// the Jacobian comparison); and gradients come back in the input's layout and dtype. Nonzero gradients are failing
/// entries (analytic = the gradient, numeric = the 0 required, tolerance the core's NondeterminismTolerance: a backward
/// declared nondeterministic may jitter around zero as it does around any value); a wrong layout or dtype is an error.
/// These 2 to 2 + outputs backward passes are not counted in <see cref="TensorCheckReport.BackwardPasses"/>, which
/// counts the passes that build the analytic Jacobian.
/// </summary>
internal static class BackwardContracts
{
    /// <summary>Failing entries per checked input (empty lists when the backward keeps the contracts).</summary>
    public static List<EntryResult>[] Check(Evaluator evaluator, Tensor[] targets, string[] names, bool undefinedGrads, double tolerance)
    {
        var x = targets;
        void Collect(List<EntryResult>[] failures, Tensor[] x, string[] names, string condition, double[][] gradients) =>
            CollectNonzero(failures, x, names, condition, gradients, tolerance);
        var failures = x.Select(_ => new List<EntryResult>()).ToArray();
        int outputs = evaluator.OutputShapes.Length;
        Collect(failures, x, names, "every grad_output 0", Gradients(evaluator, x, undefined: _ => false));
        if (!undefinedGrads) return failures;
        Collect(failures, x, names, "every output's gradient undefined", Gradients(evaluator, x, undefined: _ => true));
        for (int u = 0; outputs > 1 && u < outputs; u++)
        {
            int undefinedOutput = u;
            Collect(failures, x, names, $"the gradient of {evaluator.OutputNames[u]} undefined, the others 0",
                Gradients(evaluator, x, undefined: o => o == undefinedOutput));
        }
        return failures;
    }

    private static void CollectNonzero(List<EntryResult>[] failures, Tensor[] x, string[] names, string condition, double[][] gradients, double tolerance)
    {
        for (int i = 0; i < x.Length; i++)
        {
            for (int k = 0; k < gradients[i].Length; k++)
            {
                if (Math.Abs(gradients[i][k]) <= tolerance) continue; // -0.0 is zero too; NaN fails
                string name = $"{names[i]} {TensorValues.Index(SparseInputs.Perturbed(x[i]).shape, k)} with {condition} (the backward must scale by grad_output)";
                failures[i].Add(EntryResult.Compare(k, name, gradients[i][k], 0, 0, tolerance, EntryVerdict.Mismatch));
            }
        }
    }

    /// <summary>
    /// The input gradients when every output's grad_output is zero, except the outputs <paramref name="undefined"/>
    /// selects, whose gradients are undefined. allow_unused (TorchSharp returns an undefined tensor for an unused input,
    /// read as zeros) rather than the weight-0 anchor the Jacobian uses: the anchor's dense zeros would hide a sparse gradient.
    /// </summary>
    private static double[][] Gradients(Evaluator evaluator, Tensor[] x, Func<int, bool> undefined)
    {
        using var scope = NewDisposeScope();
        var outputs = evaluator.Forward();
        AnalyticJacobian.ThrowIfUnconnected(outputs, evaluator.OutputNames);
        using var grad = enable_grad();
        Tensor scalar = outputs.Select((y, o) => undefined(o) ? UndefinedGrad.apply(y)[0].sum() : (y * zeros_like(y)).sum()).Aggregate((a, b) => a + b);
        var grads = torch.autograd.grad([scalar], x, null, retain_graph: false, create_graph: false, allow_unused: true)
            .Select((g, i) => g is null || g.IsInvalid ? zeros_like(x[i]) : g).ToArray();
        BackwardGuard.ThrowIfFaulted("the backward pass with zero or undefined grad_outputs");
        ThrowIfWrongKind(grads, x, "with zero or undefined grad_outputs");
        return grads.Select((g, i) => SparseInputs.GradientValues(g, x[i])).ToArray();
    }

    /// <summary>
    /// The gradient of each input must have the input's layout, dtype and shape (libtorch converts dtypes silently;
    /// layouts it does not). Checked here only: the Jacobian's passes add dense weight-0 terms that would hide a layout.
    /// </summary>
    private static void ThrowIfWrongKind(IList<Tensor> grads, Tensor[] x, string where, IReadOnlyList<string>? names = null)
    {
        for (int i = 0; i < x.Length; i++)
        {
            string name = names?[i] ?? string.Create(CultureInfo.InvariantCulture, $"input {i}");
            if (grads[i].is_sparse != x[i].is_sparse)
                throw new GradientCheckException(
                    $"The gradient of {name} is {BackwardGuard.Layout(grads[i].is_sparse)} but {name} is {BackwardGuard.Layout(x[i].is_sparse)} (grad is incorrect layout; seen {where}). "
                    + "A backward must return the gradient in its input's layout: return .to_dense() for a dense input.");
            if (grads[i].dtype != x[i].dtype)
                throw new GradientCheckException(
                    $"The gradient of {name} has dtype {TensorValues.Name(grads[i].dtype)} but {name} is {TensorValues.Name(x[i].dtype)} (dtype mismatch; seen {where}). Return gradients in the input's dtype.");
            if (!grads[i].shape.SequenceEqual(x[i].shape))
                throw new GradientCheckException(
                    $"The gradient of {name} has shape {TensorValues.Shape(grads[i].shape)} but {name} has {TensorValues.Shape(x[i].shape)} (grad is incorrect size; seen {where}).");
        }
    }
}
