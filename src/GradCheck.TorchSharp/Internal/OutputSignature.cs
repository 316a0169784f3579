using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// What the function returned at the point: every output's shape and dtype, which outputs are checked, and why the
/// others are skipped (PyTorch's differentiable outputs: integer and boolean outputs have no derivative). Finite
/// differences and the analytic Jacobian compare entries by position, so an output whose shape or dtype changes under
/// a perturbation has no Jacobian there: that is an error naming the output and the perturbation, never an index
/// out of range or a silent pass.
/// </summary>
internal sealed class OutputSignature
{
    public sealed record Output(int Position, long[] Shape, ScalarType Dtype);

    private readonly Output[] _all;

    private OutputSignature(Output[] all, Output[] checkedOutputs, string[] skipped)
    {
        _all = all;
        Checked = checkedOutputs;
        Skipped = skipped;
    }

    public Output[] Checked { get; }

    public string[] Skipped { get; }

    public static string Name(int position) => string.Create(CultureInfo.InvariantCulture, $"output {position}");

    public static OutputSignature Of(Tensor[] outputs, bool skipOutputsWithoutGrad)
    {
        var all = outputs.Select((t, o) => new Output(o, t.shape, t.dtype)).ToArray();
        var checkedOutputs = new List<Output>();
        var skipped = new List<string>();
        foreach (var output in all)
        {
            var t = outputs[output.Position];
            string described = $"{Name(output.Position)} {TensorValues.Shape(output.Shape)} ({TensorValues.Name(output.Dtype)})";
            if (t.is_complex())
                throw new ArgumentException($"{described} is complex; GradCheck.TorchSharp checks real outputs only. Return torch.view_as_real(output) to check its real and imaginary parts as two real entries.", "function");
            if (!t.is_floating_point())
                skipped.Add($"{described}: not floating-point, so it has no derivative (PyTorch skips it too)");
            else if (skipOutputsWithoutGrad && !t.requires_grad && is_grad_enabled())
                skipped.Add($"{described}: does not require grad (marked non-differentiable or detached), skipped as TorchCheckOptions.SkipOutputsWithoutGrad asks");
            else if (t.is_sparse)
                throw new ArgumentException($"{described} is a sparse tensor; finite differences read dense values. Return output.to_dense() to check it.", "function");
            else
                checkedOutputs.Add(output);
        }
        if (checkedOutputs.Count == 0)
            throw new ArgumentException("No output can be checked: " + string.Join("; ", skipped)
                + ". Return at least one floating-point output that depends on the inputs.", "function");
        return new OutputSignature(all, checkedOutputs.ToArray(), skipped.ToArray());
    }

    public void ThrowIfChanged(Tensor[] outputs, Func<string> where)
    {
        if (outputs.Length != _all.Length)
            throw new GradientCheckException(string.Create(CultureInfo.InvariantCulture,
                $"The function returned {outputs.Length} outputs at {where()}, but {_all.Length} at the point to check: ")
                + "the number of outputs depends on the input values, so there is no Jacobian here. Check a point away from where the output structure changes.");
        foreach (var output in _all)
        {
            var now = outputs[output.Position];
            if (now.shape.SequenceEqual(output.Shape) && now.dtype == output.Dtype) continue;
            throw new GradientCheckException(
                $"{Name(output.Position)} changed from {TensorValues.Shape(output.Shape)} ({TensorValues.Name(output.Dtype)}) at the point to check "
                + $"to {TensorValues.Shape(now.shape)} ({TensorValues.Name(now.dtype)}) at {where()}: its shape or dtype depends on the input values, "
                + "so it has no derivative there. Check a point where it does not change, or return it with a fixed shape and dtype.");
        }
    }
}
