using System.Numerics;

namespace GradCheck.Models;

/// <summary>
/// A copy of every parameter's values, taken before a check touches anything, so that the model's values can
/// be put back bit-exactly whatever happens (the copy is made with spans, so NaN payloads and −0 survive). For a
/// parameter behind accessors the copy comes from its getter and goes back through its setter.
/// </summary>
internal sealed class ParameterSnapshot<T> where T : IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly T[][] _values;

    public ParameterSnapshot(Parameter<T>[] parameters)
    {
        _parameters = parameters;
        _values = parameters.Select(p => p.Storage.Values()).ToArray();
    }

    public ReadOnlySpan<T> Values(int tensor) => _values[tensor];

    /// <summary>The tensor's copy itself, for the core check to restore from (it only reads it): no second snapshot per tensor.</summary>
    internal T[] Copy(int tensor) => _values[tensor];

    public double[] ValuesAsDoubles(int tensor) => _values[tensor].Select(double.CreateChecked).ToArray();

    public void Restore(int tensor) => _parameters[tensor].Storage.WriteValues(_values[tensor]);

    /// <summary>Restores every tensor, even when one setter throws (the first exception is rethrown after the rest are restored).</summary>
    public void Restore()
    {
        List<Exception>? errors = null;
        for (int t = 0; t < _parameters.Length; t++)
        {
            try
            {
                Restore(t);
            }
            catch (Exception e)
            {
                (errors ??= []).Add(e);
            }
        }
        if (errors is not null) throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
    }
}
