using System.Globalization;
using System.Numerics;

namespace GradCheck;

/// <summary>
/// One named parameter tensor of a model: its values and its gradient buffer (both flat, row-major) and its
/// shape. The memory is the model's own; a check perturbs <see cref="Values"/> in place and restores it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Parameter<T> where T : IFloatingPointIeee754<T>
{
    private readonly int[] _shape;

    /// <summary>Creates the parameter and checks that the shape and both buffers agree.</summary>
    /// <param name="name">A unique name, used in reports: <c>fc1.weight</c>.</param>
    /// <param name="values">The values, row-major (last index fastest).</param>
    /// <param name="gradient">The buffer <see cref="IDifferentiableModel{T}.Backward"/> fills; same length as the values.</param>
    /// <param name="shape">The dimensions; their product must equal the length. Empty for a scalar.</param>
    /// <exception cref="InvalidModelException">The name is empty, a dimension is below 1, or the lengths disagree.</exception>
    public Parameter(string name, Memory<T> values, Memory<T> gradient, int[] shape)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidModelException("A parameter needs a non-empty name; reports name entries by it, e.g. fc1.weight[3,7].");
        if (shape is null)
            throw new InvalidModelException($"Parameter '{name}' has no shape; pass its dimensions, e.g. [rows, columns], or [] for a scalar.");
        long product = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 1)
                throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                    $"Parameter '{name}' has shape [{string.Join(",", shape)}]; every dimension must be at least 1."));
            product *= dimension;
            if (product > int.MaxValue) break;
        }
        if (product != values.Length)
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                $"Parameter '{name}' has shape [{string.Join(",", shape)}] ({product} entries) but {values.Length} values; the product of the shape must equal the number of values."));
        if (gradient.Length != values.Length)
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                $"Parameter '{name}' has {values.Length} values but a gradient buffer of {gradient.Length}; Backward() must be able to write one gradient entry per value."));
        Name = name;
        Values = values;
        Gradient = gradient;
        _shape = (int[])shape.Clone();
    }

    /// <summary>The name, unique within the model.</summary>
    public string Name { get; }

    /// <summary>The values, flat and row-major.</summary>
    public Memory<T> Values { get; }

    /// <summary>The gradient buffer, filled by <see cref="IDifferentiableModel{T}.Backward"/>.</summary>
    public Memory<T> Gradient { get; }

    /// <summary>The dimensions (a copy, so the parameter cannot be reshaped behind a check's back).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of entries: the product of the shape.</summary>
    public int Length => Values.Length;

    /// <summary>The name of one entry with its multi-index, e.g. <c>fc1.weight[3,7]</c> for flat index 3·columns + 7.</summary>
    public string EntryName(int flatIndex) => ParameterIndex.Name(Name, _shape, flatIndex);

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join(",", _shape)}]";
}
