namespace GradCheck.Tests.Assurance;

/// <summary>
/// Functions that return different values at the same point, each with the correct gradient of its smooth part.
/// Finite differences of them measure the randomness, so a checker must refuse them or at least not pass them.
/// Every private random source is made afresh per check (NewFunction) from <see cref="RandomStream"/>, so each checker
/// meets the same draws and no two families share theirs.
/// </summary>
public static class RandomnessFamilies
{
    public const string Group = "randomness";

    public static IEnumerable<IAssuranceCase> For(int seed, int n)
    {
        foreach (var loss in SmoothLosses.All(seed, n))
        {
            foreach (double rate in (double[])[0.5, 0.1, 0.02]) yield return WholeLossDropout(loss, seed, rate);
            foreach (double p in (double[])[0.1, 0.02]) yield return UnitDropout(loss, seed, p);
            foreach (double size in (double[])[1e-3, 1e-8]) yield return RelativeNoise(loss, seed, size);
            yield return PeriodicCorruption(loss, seed, every: 7, size: 1e-3);
            yield return SharedRandomDropout(loss, seed, p: 0.1, units: 4);
        }
    }

    /// <summary>f = loss·m, m = 0 with probability <paramref name="rate"/> and 1 otherwise (dropout on the whole loss).</summary>
    public static IAssuranceCase WholeLossDropout(SmoothLoss loss, int seed, double rate) =>
        Case(loss, seed, $"dropout on the whole loss, rate {rate}", random => x => random.NextDouble() < rate ? 0 : loss.Evaluate(x));

    /// <summary>f = loss + d·u with u one hidden unit, dropped (d = 0) with probability <paramref name="p"/>.</summary>
    public static IAssuranceCase UnitDropout(SmoothLoss loss, int seed, double p)
    {
        var unit = new HiddenUnit(RandomStream.For("hidden unit", seed), loss.Dimension);
        return Case(loss, seed, $"dropout on one hidden unit, p {p}", random => x => loss.Evaluate(x) + (random.NextDouble() < p ? 0 : unit.Value(x)),
            x => Vectors.Add(loss.Gradient(x), unit.Gradient(x)));
    }

    /// <summary>f = loss·(1 + size·ξ), ξ uniform in [−1, 1] on every call: noise relative to f.</summary>
    public static IAssuranceCase RelativeNoise(SmoothLoss loss, int seed, double size) =>
        Case(loss, seed, $"relative noise {size:0e0}", random => x => loss.Evaluate(x) * (1 + size * (2 * random.NextDouble() - 1)));

    /// <summary>f = loss, plus <paramref name="size"/> on every <paramref name="every"/>-th call: a corruption no two consecutive calls show.</summary>
    public static IAssuranceCase PeriodicCorruption(SmoothLoss loss, int seed, int every, double size) =>
        Case(loss, seed, $"every {every}th call +{size:0e0}", _ =>
        {
            int calls = 0;
            return x => loss.Evaluate(x) + (++calls % every == 0 ? size : 0);
        });

    /// <summary>
    /// f = loss + Σ dᵢ·uᵢ over <paramref name="units"/> hidden units, each dropped with probability <paramref name="p"/>
    /// by <see cref="Random.Shared"/>: the way dropout is usually written, with a generator nobody re-seeds.
    /// </summary>
    public static IAssuranceCase SharedRandomDropout(SmoothLoss loss, int seed, double p, int units)
    {
        var random = RandomStream.For("hidden unit", seed);
        var hidden = Enumerable.Range(0, units).Select(_ => new HiddenUnit(random, loss.Dimension)).ToArray();
        return Case(loss, seed, $"dropout from Random.Shared on {units} units, p {p}",
            _ => x => loss.Evaluate(x) + hidden.Sum(u => Random.Shared.NextDouble() < p ? 0 : u.Value(x)),
            x => hidden.Aggregate(loss.Gradient(x), (g, u) => Vectors.Add(g, u.Gradient(x))));
    }

    /// <summary>A case whose function is made per check from a fresh stream of the family's private draws.</summary>
    private static AssuranceCase<double> Case(SmoothLoss loss, int seed, string family, Func<Random, Func<double[], double>> newFunction,
        Func<double[], double[]>? gradient = null) =>
        new(Group, family, CaseName.Of(family, loss.Name, seed), Expectation.NotPassed, () => newFunction(RandomStream.For(family, seed)),
            gradient ?? (x => loss.Gradient(x)), loss.Point);
}
