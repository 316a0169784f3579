using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>
/// A smooth base loss of the false-assurance corpus: evaluated in any IEEE type (so float32 and Half show their own
/// rounding) and differentiated exactly, by hand, in double. The exact gradient is the "correct analytic gradient of
/// the smooth part" every family adds its trouble to.
/// </summary>
public abstract class SmoothLoss
{
    /// <summary>Kind and size, e.g. "least squares n=12".</summary>
    public abstract string Name { get; }

    /// <summary>The point to check at, drawn from the seed.</summary>
    public abstract double[] Point { get; }

    public int Dimension => Point.Length;

    /// <summary>The loss computed in <typeparamref name="T"/> throughout.</summary>
    public abstract T Evaluate<T>(T[] x) where T : IFloatingPointIeee754<T>;

    /// <summary>The exact gradient, by the chain rule in double.</summary>
    public abstract double[] Gradient(double[] x);

    /// <summary>The exact gradient rounded once to <typeparamref name="T"/>: the best gradient a user can hand in.</summary>
    public T[] Gradient<T>(T[] x) where T : IFloatingPointIeee754<T> =>
        Gradient(x.Select(double.CreateChecked).ToArray()).Select(T.CreateChecked).ToArray();

    public T[] PointAs<T>() where T : IFloatingPointIeee754<T> => Point.Select(T.CreateChecked).ToArray();

    public override string ToString() => Name;

    protected static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateChecked(value);

    protected static double[] RandomVector(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    protected static double[][] RandomMatrix(Random random, int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => RandomVector(random, columns)).ToArray();
}
