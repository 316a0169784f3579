using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// A corpus network as an <see cref="IDifferentiableModel{T}"/>: its flat parameter vector cut into the network's tensors,
/// <c>Backward()</c> overwriting the gradients (no accumulation), so that <c>ModelCheck</c> checks the same backward pass.
/// </summary>
public sealed class NetModel<T> : IDifferentiableModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly INet _net;
    private readonly T[] _values;
    private readonly T[] _gradient;
    private readonly Func<T[], T[]> _backward;

    public NetModel(INet net, T[] values, IReadOnlyList<(string Name, int Size)> tensors, Func<T[], T[]>? backward = null)
    {
        _net = net;
        _values = values;
        _gradient = new T[values.Length];
        _backward = backward ?? net.Grad<T>;
        var parameters = new List<Parameter<T>>();
        int offset = 0;
        foreach (var (name, size) in tensors)
        {
            parameters.Add(new Parameter<T>(name, _values.AsMemory(offset, size), _gradient.AsMemory(offset, size), [size]));
            offset += size;
        }
        Parameters = parameters;
    }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public T Loss() => _net.Loss(_values);

    public void Backward() => _backward(_values).CopyTo(_gradient, 0);
}
