namespace GradCheck.Internal;

/// <summary>
/// Random perturbations sized to each coordinate: coordinate i moves by about |xᵢ|, and a coordinate that is
/// exactly zero moves by the typical magnitude of the others (their root mean square), or by 1 when the
/// whole point is zero. So a weight that is still zero becomes nonzero, at the scale its neighbours live on.
/// </summary>
internal static class PerturbationScale
{
    public static double[] Scales(IReadOnlyList<double> x)
    {
        double sum = 0;
        int nonzero = 0;
        foreach (double v in x)
        {
            if (v == 0) continue;
            sum += v * v;
            nonzero++;
        }
        double typical = nonzero == 0 ? 1 : Math.Sqrt(sum / nonzero);
        var scales = new double[x.Count];
        for (int i = 0; i < scales.Length; i++) scales[i] = x[i] != 0 ? Math.Abs(x[i]) : typical;
        return scales;
    }

    /// <summary>A direction with entries N(0, 1)·scaleᵢ, drawn from <paramref name="random"/>.</summary>
    public static double[] Direction(IReadOnlyList<double> x, Random random)
    {
        var scales = Scales(x);
        var direction = new double[scales.Length];
        for (int i = 0; i < direction.Length; i++) direction[i] = Gaussian(random) * scales[i];
        return direction;
    }

    /// <summary>A standard normal number (Box–Muller), so directions do not favour the axes.</summary>
    public static double Gaussian(Random random)
    {
        double u = 1.0 - random.NextDouble(); // in (0, 1]: the logarithm stays finite
        double v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
