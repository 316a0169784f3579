namespace GradCheck;

/// <summary>Copies a tensor's current values (or gradient) out of a model into <paramref name="destination"/>, flat and row-major.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="destination">Exactly as long as the tensor.</param>
public delegate void CopyOut<T>(Span<T> destination);

/// <summary>Copies <paramref name="source"/> into a model's tensor (through its setter), flat and row-major.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="source">Exactly as long as the tensor.</param>
public delegate void CopyIn<T>(ReadOnlySpan<T> source);
