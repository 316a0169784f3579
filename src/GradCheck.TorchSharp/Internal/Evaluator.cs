using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Calls the user's function: as values (for finite differences, without a graph) or as tensors with a graph
/// (for the analytic Jacobian). Re-seeds the global generator before every call when the randomness is replayed,
/// counts calls, and turns exceptions into <see cref="FunctionEvaluationException"/>s that say where they happened.
/// </summary>
internal sealed class Evaluator
{
    private readonly Func<Tensor[], Tensor[]> _function;
    private readonly Tensor[] _inputs;
    private readonly long? _seed;
    private readonly bool _valuesNeedGrad;

    /// <param name="function">The user's function.</param>
    /// <param name="inputs">The tensors it is called with (perturbed in place between calls).</param>
    /// <param name="seed">Seed to set before every call (replayed randomness), or null.</param>
    /// <param name="valuesNeedGrad">True when the function itself differentiates (gradgradcheck), so even its plain values need grad mode.</param>
    public Evaluator(Func<Tensor[], Tensor[]> function, Tensor[] inputs, long? seed, bool valuesNeedGrad)
    {
        _function = function;
        _inputs = inputs;
        _seed = seed;
        _valuesNeedGrad = valuesNeedGrad;
    }

    public int Evaluations { get; private set; }

    /// <summary>Shapes of the outputs of the latest <see cref="Values"/> call.</summary>
    public long[][] OutputShapes { get; private set; } = [];

    /// <summary>Element types of the outputs of the latest <see cref="Values"/> call.</summary>
    public ScalarType[] OutputTypes { get; private set; } = [];

    /// <summary>The outputs' values as doubles, one array per output. <paramref name="where"/> names the perturbation for error messages.</summary>
    public double[][] Values(string where)
    {
        using var scope = NewDisposeScope();
        using var mode = _valuesNeedGrad ? enable_grad() : no_grad();
        var outputs = Call(where);
        Evaluations++;
        OutputShapes = outputs.Select(t => t.shape).ToArray();
        OutputTypes = outputs.Select(t => t.dtype).ToArray();
        return outputs.Select(TensorValues.ReadAsDouble).ToArray();
    }

    /// <summary>The outputs with their graph (grad mode on). They belong to the caller's dispose scope.</summary>
    public Tensor[] Forward()
    {
        using var mode = enable_grad();
        return Call("the unperturbed point (forward pass for the analytic Jacobian)");
    }

    private Tensor[] Call(string where)
    {
        if (_seed is { } seed) torch.random.manual_seed(seed);
        Tensor[]? outputs;
        try
        {
            outputs = _function(_inputs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FunctionEvaluationException($"The function threw {e.GetType().Name} at {where}: {e.Message}", e, null);
        }
        if (outputs is null || outputs.Length == 0)
            throw new ArgumentException("The function returned no tensor; it must return at least one output tensor.", "function");
        for (int o = 0; o < outputs.Length; o++)
        {
            var output = outputs[o];
            if (output is null)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The function returned null as output {o}."), "function");
            if (!output.is_floating_point() || output.is_complex())
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Output {o} has element type {output.dtype}; only real floating-point outputs have derivatives. Return integer results separately or convert them."), "function");
        }
        return outputs;
    }
}
