using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// A small real network with a hand-written backward pass, generic over the element type so that the same code gives
/// the float32 loss and gradient a user would check, the double gradient that is the reference, and (on dual numbers)
/// an exact check of that reference. Parameters are one flat vector.
/// </summary>
public interface INet
{
    string Name { get; }
    int Size { get; }
    T Loss<T>(T[] w) where T : IFloatingPointIeee754<T>;
    T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T>;
    double[] Init(int seed);

    /// <summary>A planted bug: the backward pass forgets the activation's derivative (as if it were 1).</summary>
    bool MissingActivationDerivative { get; init; }
}
