using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The one place complex numbers are handled: a complex input that requires grad is checked as a real leaf of
/// (real, imaginary) pairs, <c>view_as_real(z)</c> (sharing z's storage, so it is perturbed in place and restored
/// like any input), handed to the function as <c>view_as_complex</c> of that leaf; a complex output is returned as
/// <c>view_as_real(w)</c>. PyTorch's convention makes autograd's gradient of a real loss with respect to z equal to
/// ∂L/∂Re z + i·∂L/∂Im z (the conjugate Wirtinger derivative, doubled), so the real pairs' Jacobian is exactly what
/// finite differences measure: C→C, R→C and C→R functions are checked entry by entry, and an entry's last index names
/// the part (0 real, 1 imaginary) of the input and of the output that is wrong.
/// </summary>
internal sealed class ComplexAsRealPairs
{
    private readonly Func<Tensor[], Tensor[]> _function;
    private readonly bool[] _paired;
    private readonly SortedSet<int> _complexOutputs = [];

    private ComplexAsRealPairs(Func<Tensor[], Tensor[]> function, Tensor[] inputs)
    {
        _function = function;
        _paired = inputs.Select(IsPaired).ToArray();
        Inputs = inputs.Select((t, i) => _paired[i] ? view_as_real(t.detach()).requires_grad_() : t).ToArray();
        Names = inputs.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"input {i}") + (_paired[i] ? " (re,im)" : "")).ToArray();
    }

    /// <summary>True when some input is complex and requires grad, or some output may be complex (known only after a call).</summary>
    public static ComplexAsRealPairs For(Func<Tensor[], Tensor[]> function, Tensor[] inputs) => new(function, inputs);

    /// <summary>The inputs the check perturbs: real pairs for complex inputs that require grad, the others as given.</summary>
    public Tensor[] Inputs { get; }

    /// <summary>Input names, <c>input 1 (re,im)</c> for the paired ones.</summary>
    public string[] Names { get; }

    /// <summary>The function over <see cref="Inputs"/>, with complex outputs as real pairs.</summary>
    public Tensor[] Function(Tensor[] x)
    {
        var outputs = _function(x.Select((t, i) => _paired[i] ? view_as_complex(t) : t).ToArray());
        if (outputs is null) return null!;
        var real = new Tensor[outputs.Length];
        for (int o = 0; o < outputs.Length; o++)
        {
            real[o] = outputs[o];
            if (outputs[o] is null || !outputs[o].is_complex()) continue;
            _complexOutputs.Add(o);
            real[o] = view_as_real(outputs[o].resolve_conj());
        }
        return real;
    }

    /// <summary>The report with a note on every paired input and complex output: how to read the part from an entry's index.</summary>
    public TensorCheckReport Annotate(TensorCheckReport report)
    {
        var notes = new List<string>();
        for (int i = 0; i < _paired.Length; i++)
            if (_paired[i])
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"input {i} is complex: checked as view_as_real pairs {TensorValues.Shape(Inputs[i])}; the last index of its entries is the part, 0 real and 1 imaginary"));
        foreach (int o in _complexOutputs)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"output {o} is complex: checked as view_as_real pairs; the last index of its entries is the part, 0 real and 1 imaginary"));
        return notes.Count == 0 ? report : report.WithWarnings(notes);
    }

    private static bool IsPaired(Tensor t) => t is not null && !t.IsInvalid && t.is_complex() && t.requires_grad;
}
