using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Calls the user's function: as values (for finite differences, without a graph) or as tensors with a graph
/// (for the analytic Jacobian). Re-seeds the global generator before every call when the randomness is replayed,
/// counts calls, and turns exceptions into <see cref="FunctionEvaluationException"/>s that say where they happened.
/// The first call fixes which outputs are checked (<see cref="OutputSignature"/>): every later call must return
/// outputs of the same count, shapes and dtypes, and only the checked ones are handed on.
/// </summary>
internal sealed class Evaluator
{
    private readonly Func<Tensor[], Tensor[]> _function;
    private readonly Tensor[] _inputs;
    private readonly long? _seed;
    private readonly bool _valuesNeedGrad;
    private readonly bool _skipOutputsWithoutGrad;
    private readonly CancellationToken _cancellation;

    /// <param name="function">The user's function.</param>
    /// <param name="inputs">The tensors it is called with (perturbed in place between calls).</param>
    /// <param name="seed">Seed to set before every call (replayed randomness), or null.</param>
    /// <param name="valuesNeedGrad">True when the function itself differentiates (gradgradcheck), so even its plain values need grad mode.</param>
    /// <param name="skipOutputsWithoutGrad">Skip floating outputs that do not require grad (marked non-differentiable) instead of refusing them.</param>
    /// <param name="cancellation">Checked before every call of the function.</param>
    public Evaluator(Func<Tensor[], Tensor[]> function, Tensor[] inputs, long? seed, bool valuesNeedGrad, bool skipOutputsWithoutGrad = false,
        CancellationToken cancellation = default)
    {
        _function = function;
        _inputs = inputs;
        _seed = seed;
        _valuesNeedGrad = valuesNeedGrad;
        _skipOutputsWithoutGrad = skipOutputsWithoutGrad;
        _cancellation = cancellation;
    }

    public int Evaluations { get; private set; }

    /// <summary>The outputs as the first call returned them; null before the first call.</summary>
    public OutputSignature? Signature { get; private set; }

    /// <summary>Shapes of the checked outputs.</summary>
    public long[][] OutputShapes => Checked(s => s.Shape);

    /// <summary>Element types of the checked outputs.</summary>
    public ScalarType[] OutputTypes => Checked(s => s.Dtype);

    /// <summary>Names of the checked outputs, by their position in what the function returns (<c>output 2</c>).</summary>
    public string[] OutputNames => Checked(s => OutputSignature.Name(s.Position));

    /// <summary>The outputs that are not checked, each with the reason.</summary>
    public IReadOnlyList<string> SkippedOutputs => Signature?.Skipped ?? [];

    /// <summary>The checked outputs' values as doubles, one array per output. <paramref name="where"/> names the perturbation for error messages.</summary>
    public double[][] Values(string where) => Values(() => where);

    /// <inheritdoc cref="Values(string)"/>
    public double[][] Values(Func<string> where)
    {
        using var scope = NewDisposeScope();
        // To skip outputs without grad the first call runs with grad: under no_grad no output has it.
        using var mode = _valuesNeedGrad || (_skipOutputsWithoutGrad && Signature is null) ? enable_grad() : no_grad();
        var outputs = Call(where);
        Evaluations++;
        var values = new double[outputs.Length][];
        for (int o = 0; o < outputs.Length; o++) values[o] = TensorValues.ReadAsDouble(outputs[o]);
        return values;
    }

    /// <summary>The checked outputs with their graph (grad mode on). They belong to the caller's dispose scope.</summary>
    public Tensor[] Forward()
    {
        using var mode = enable_grad();
        return Call(() => "the unperturbed point (forward pass for the analytic Jacobian)");
    }

    private T[] Checked<T>(Func<OutputSignature.Output, T> select) =>
        Signature is null ? [] : Signature.Checked.Select(select).ToArray();

    private Tensor[] Call(Func<string> where)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (_seed is { } seed) torch.random.manual_seed(seed);
        Tensor[]? outputs;
        try
        {
            outputs = _function(_inputs);
        }
        catch (Exception e) when (e is not OperationCanceledException and not GradientCheckException)
        {
            throw new FunctionEvaluationException($"The function threw {e.GetType().Name} at {where()}: {e.Message}", e, null);
        }
        if (outputs is null || outputs.Length == 0)
            throw new ArgumentException("The function returned no tensor; it must return at least one output tensor.", "function");
        for (int o = 0; o < outputs.Length; o++)
            if (outputs[o] is null)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The function returned null as output {o}."), "function");
        if (Signature is null) Signature = OutputSignature.Of(outputs, _skipOutputsWithoutGrad);
        else Signature.ThrowIfChanged(outputs, where);
        return Signature.Checked.Select(s => outputs[s.Position]).ToArray();
    }
}
