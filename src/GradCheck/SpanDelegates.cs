namespace GradCheck;

/// <summary>A scalar function of span-based code: f(x) without copying x into an array.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T SpanFunction<T>(ReadOnlySpan<T> x);

/// <summary>A span-based gradient: writes ∇f(x) into <paramref name="gradient"/> (as long as x; every entry must be written).</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void SpanGradient<T>(ReadOnlySpan<T> x, Span<T> gradient);
