using System.Numerics;

namespace GradCheck.Models;

/// <summary>
/// A copy of every parameter's values, taken before a check touches anything, so that the model's memory can
/// be put back bit-exactly whatever happens (the copy is made with spans, so NaN payloads and −0 survive).
/// </summary>
internal sealed class ParameterSnapshot<T> where T : IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly T[][] _values;

    public ParameterSnapshot(Parameter<T>[] parameters)
    {
        _parameters = parameters;
        _values = parameters.Select(p => p.Values.ToArray()).ToArray();
    }

    public ReadOnlySpan<T> Values(int tensor) => _values[tensor];

    public double[] ValuesAsDoubles(int tensor) => _values[tensor].Select(double.CreateChecked).ToArray();

    public void Restore(int tensor) => _values[tensor].AsSpan().CopyTo(_parameters[tensor].Values.Span);

    public void Restore()
    {
        for (int t = 0; t < _parameters.Length; t++) Restore(t);
    }
}
