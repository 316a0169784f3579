using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>Argument checks before anything runs, so misuse throws a .NET exception instead of reaching libtorch.</summary>
internal static class InputValidation
{
    /// <summary>The positions of the inputs to check: those that require grad. Throws when there is none or one cannot be checked.</summary>
    public static int[] CheckedInputs(Tensor[] inputs, IReadOnlyList<string> names, CheckPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
            throw new ArgumentException("No inputs: pass the tensors to differentiate with respect to (with requires_grad_()).", nameof(inputs));
        var checkedInputs = new List<int>();
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"inputs[{i}] is null."), nameof(inputs));
            if (x.IsInvalid) throw new ArgumentException($"{names[i]} has been disposed.", nameof(inputs));
            if (!x.requires_grad) continue;
            string where = $"{names[i]} {TensorValues.Shape(x)} ({TensorValues.Name(x.dtype)})";
            if (x.is_complex())
                throw new ArgumentException($"{where} is complex; only real floating-point inputs can be checked.", nameof(inputs));
            if (!x.is_floating_point())
                throw new ArgumentException($"{where} is not a floating-point tensor; only those have derivatives.", nameof(inputs));
            if (x.device_type != DeviceType.CPU)
                throw new ArgumentException($"{where} is on {x.device_type}; the check runs on the CPU. Move the inputs (and module) with .cpu() first.", nameof(inputs));
            if (precision == CheckPrecision.AsGiven)
            {
                if (!TensorValues.IsSupported(x.dtype))
                    throw new ArgumentException($"{where}: only float32 and float64 can be perturbed in place; use CheckPrecision.Float64 to check it in float64 on copies.", nameof(inputs));
                if (!x.is_sparse && !x.is_contiguous() && StridedValues.Overlap(x) is { } overlap)
                    throw new ArgumentException($"{where} {overlap}", nameof(inputs));
            }
            if (SparseInputs.Perturbed(x).numel() == 0) continue;
            checkedInputs.Add(i);
        }
        if (checkedInputs.Count == 0)
            throw new ArgumentException(
                "No input requires grad, so there is nothing to check: call requires_grad_() on the floating-point inputs whose derivatives you want checked "
                + "(inputs that do not require grad are treated as constants).", nameof(inputs));
        var distinct = new HashSet<IntPtr>();
        foreach (int i in checkedInputs)
            if (!distinct.Add(inputs[i].Handle))
                throw new ArgumentException($"{names[i]} is passed twice; pass each checked tensor once.", nameof(inputs));
        ValidateFinite(inputs, checkedInputs, names);
        return checkedInputs.ToArray();
    }

    private static void ValidateFinite(Tensor[] inputs, List<int> checkedInputs, IReadOnlyList<string> names)
    {
        foreach (int i in checkedInputs)
        {
            var values = TensorValues.ReadAsDouble(SparseInputs.Perturbed(inputs[i]));
            int bad = Array.FindIndex(values, v => !double.IsFinite(v));
            if (bad >= 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{SparseInputs.Name(names[i], inputs[i])} {TensorValues.Index(SparseInputs.Perturbed(inputs[i]).shape, bad)} is {values[bad]}; every checked element must be finite to take finite differences."), nameof(inputs));
        }
    }
}
