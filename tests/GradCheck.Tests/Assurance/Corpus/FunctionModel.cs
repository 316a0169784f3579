using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>
/// A function and its gradient seen as a model with two parameter tensors (first half, second half), so the dropout
/// families also go through <see cref="ModelCheck"/>, where a random forward pass is just as common.
/// </summary>
public sealed class FunctionModel<T> : IDifferentiableModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], T> _function;
    private readonly Func<T[], T[]> _gradient;
    private readonly T[] _values, _gradients;

    public FunctionModel(Func<T[], T> function, Func<T[], T[]> gradient, T[] point)
    {
        (_function, _gradient) = (function, gradient);
        _values = (T[])point.Clone();
        _gradients = new T[point.Length];
        int half = point.Length / 2;
        Parameters =
        [
            new Parameter<T>("layer1", _values.AsMemory(0, half), _gradients.AsMemory(0, half), [half]),
            new Parameter<T>("layer2", _values.AsMemory(half), _gradients.AsMemory(half), [point.Length - half]),
        ];
    }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public T Loss() => _function(_values);

    public void Backward() => _gradient(_values).CopyTo(_gradients, 0);
}
