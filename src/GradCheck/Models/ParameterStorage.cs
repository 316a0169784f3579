using System.Numerics;

namespace GradCheck.Models;

/// <summary>
/// Where a parameter's values and gradient live: the model's own memory, or behind the model's getters and setters.
/// Every check reads and writes through this, so both kinds get the same guarantees (restore in finally, read-only passes).
/// </summary>
internal abstract class ParameterStorage<T> where T : IFloatingPointIeee754<T>
{
    public abstract int Length { get; }

    public abstract void ReadValues(Span<T> destination);

    public abstract void WriteValues(ReadOnlySpan<T> source);

    public abstract void ReadGradient(Span<T> destination);

    /// <summary>False when the gradient can be read but not zeroed (accessors without a clear action).</summary>
    public abstract bool CanClearGradient { get; }

    public abstract void ClearGradient();

    public T[] Values()
    {
        var values = new T[Length];
        ReadValues(values);
        return values;
    }

    public T[] Gradient()
    {
        var gradient = new T[Length];
        ReadGradient(gradient);
        return gradient;
    }
}

/// <summary>Values and gradient in the model's own memory: a check writes into it directly.</summary>
internal sealed class MemoryStorage<T>(Memory<T> values, Memory<T> gradient) : ParameterStorage<T> where T : IFloatingPointIeee754<T>
{
    public Memory<T> ValuesMemory => values;

    public Memory<T> GradientMemory => gradient;

    public override int Length => values.Length;

    public override void ReadValues(Span<T> destination) => values.Span.CopyTo(destination);

    public override void WriteValues(ReadOnlySpan<T> source) => source.CopyTo(values.Span);

    public override void ReadGradient(Span<T> destination) => gradient.Span.CopyTo(destination);

    public override bool CanClearGradient => true;

    public override void ClearGradient() => gradient.Span.Clear();
}

/// <summary>
/// Values and gradient behind the model's accessors (a library that keeps its weights private and hands out copies):
/// a check copies the values out, writes perturbed copies in through the setter, and writes the originals back in finally.
/// </summary>
internal sealed class AccessorStorage<T>(int length, CopyOut<T> readValues, CopyIn<T> writeValues, CopyOut<T> readGradient, Action? clearGradient)
    : ParameterStorage<T> where T : IFloatingPointIeee754<T>
{
    public override int Length => length;

    public override void ReadValues(Span<T> destination) => readValues(destination);

    public override void WriteValues(ReadOnlySpan<T> source) => writeValues(source);

    public override void ReadGradient(Span<T> destination) => readGradient(destination);

    public override bool CanClearGradient => clearGradient is not null;

    public override void ClearGradient() =>
        (clearGradient ?? throw new InvalidOperationException("This parameter was created without a clearGradient action."))();
}
