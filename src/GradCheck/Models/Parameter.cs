using System.Globalization;
using System.Numerics;
using GradCheck.Models;

namespace GradCheck;

/// <summary>
/// One named parameter tensor of a model: its values and its gradient buffer (both flat, row-major) and its
/// shape. Either the memory is the model's own (the constructor), and a check perturbs <see cref="Values"/> in
/// place and restores it; or the model keeps its weights private (<see cref="FromAccessors"/>), and a check copies
/// them out and writes perturbed copies in through the setter, writing the originals back in finally.
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
        long product = ValidatedProduct(name, shape);
        if (product != values.Length)
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                $"Parameter '{name}' has shape [{string.Join(",", shape)}] ({product} entries) but {values.Length} values; the product of the shape must equal the number of values."));
        if (gradient.Length != values.Length)
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                $"Parameter '{name}' has {values.Length} values but a gradient buffer of {gradient.Length}; Backward() must be able to write one gradient entry per value."));
        Name = name;
        Storage = new MemoryStorage<T>(values, gradient);
        _shape = (int[])shape.Clone();
    }

    private Parameter(string name, int[] shape, ParameterStorage<T> storage)
    {
        Name = name;
        Storage = storage;
        _shape = (int[])shape.Clone();
    }

    /// <summary>
    /// A parameter whose values the model keeps private: the check reads them through <paramref name="readValues"/>
    /// (a copy out), writes perturbed values through <paramref name="writeValues"/> (your setter) before each
    /// <see cref="IDifferentiableModel{T}.Loss"/>, and writes the original values back through the setter in finally,
    /// so after any outcome the model holds bit-identical weights (given a setter that stores what it is given).
    /// </summary>
    /// <param name="name">A unique name, used in reports: <c>conv1.weight</c>.</param>
    /// <param name="shape">The dimensions; their product is the number of entries. Empty for a scalar.</param>
    /// <param name="readValues">Copies the current values into the span (as long as the tensor), row-major.</param>
    /// <param name="writeValues">Stores the span's values as the tensor's values; the next Loss() must use them.</param>
    /// <param name="readGradient">Copies the gradient the last <see cref="IDifferentiableModel{T}.Backward"/> computed into the span.</param>
    /// <param name="clearGradient">
    /// Zeroes the model's gradient of this tensor; needed only for <see cref="GradientCheckOptions.ZeroGradientsBeforeBackward"/>
    /// on a model that does not implement <see cref="IZeroGradients"/>.
    /// </param>
    /// <example>
    /// <code>
    /// Parameter&lt;double&gt;.FromAccessors("fc.weight", [4, 3],
    ///     readValues: dest =&gt; layer.GetWeights().CopyTo(dest),
    ///     writeValues: src =&gt; layer.SetWeights(src.ToArray()),
    ///     readGradient: dest =&gt; layer.GetWeightGradient().CopyTo(dest));
    /// </code>
    /// </example>
    /// <exception cref="InvalidModelException">The name is empty, a dimension is below 1, or an accessor is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
        Justification = "A named factory beside the constructor, as Parameter<T> is always written with its element type.")]
    public static Parameter<T> FromAccessors(string name, int[] shape, CopyOut<T> readValues, CopyIn<T> writeValues, CopyOut<T> readGradient, Action? clearGradient = null)
    {
        long product = ValidatedProduct(name, shape);
        if (product > Array.MaxLength)
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{name}' has {product} entries, more than an array can hold."));
        if (readValues is null || writeValues is null || readGradient is null)
            throw new InvalidModelException(
                $"Parameter '{name}' needs all three accessors: readValues (copy the values out), writeValues (the setter) and readGradient (copy the gradient out).");
        return new Parameter<T>(name, shape, new AccessorStorage<T>((int)product, readValues, writeValues, readGradient, clearGradient));
    }

    /// <summary>The name, unique within the model.</summary>
    public string Name { get; }

    /// <summary>True when the values live behind accessors (<see cref="FromAccessors"/>) rather than in <see cref="Values"/>.</summary>
    public bool HasAccessors => Storage is AccessorStorage<T>;

    /// <summary>The values, flat and row-major.</summary>
    /// <exception cref="InvalidOperationException">The parameter was made with <see cref="FromAccessors"/>: its values are the model's, reached only through the accessors.</exception>
    public Memory<T> Values => (Storage as MemoryStorage<T>)?.ValuesMemory ?? throw NoMemory("values");

    /// <summary>The gradient buffer, filled by <see cref="IDifferentiableModel{T}.Backward"/>.</summary>
    /// <exception cref="InvalidOperationException">The parameter was made with <see cref="FromAccessors"/>.</exception>
    public Memory<T> Gradient => (Storage as MemoryStorage<T>)?.GradientMemory ?? throw NoMemory("gradient");

    /// <summary>The dimensions (a copy, so the parameter cannot be reshaped behind a check's back).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of entries: the product of the shape.</summary>
    public int Length => Storage.Length;

    /// <summary>The name of one entry with its multi-index, e.g. <c>fc1.weight[3,7]</c> for flat index 3·columns + 7.</summary>
    public string EntryName(int flatIndex) => ParameterIndex.Name(Name, _shape, flatIndex);

    /// <summary>How every check reads and writes this tensor, whichever kind it is.</summary>
    internal ParameterStorage<T> Storage { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join(",", _shape)}]";

    private InvalidOperationException NoMemory(string what) => new(
        $"Parameter '{Name}' was created with Parameter<T>.FromAccessors, so its {what} live in the model and are reached only through its accessors.");

    private static long ValidatedProduct(string name, int[] shape)
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
        return product;
    }
}
