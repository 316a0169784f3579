using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>A corpus network as an <see cref="IScalarFunction"/>, so that dual numbers check its reference gradient exactly.</summary>
public sealed class NetFunction(INet net) : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => net.Loss(x.ToArray());
}
