namespace GradCheck.Benchmarks.Accuracy;

/// <summary>
/// A random smooth function of one variable with its exact derivative: f(x) = Σ Aₖ·gₖ(sₖ·x) + C, or a term
/// A·g(x − c) next to a domain edge. Scales sₖ are powers of two and edge shifts are exact, so the argument of
/// each primitive is computed without rounding and the only rounding is the function's own.
/// </summary>
public sealed record RandomFunction(string Primitive, double X, Func<double, double> F, Func<float, float> FloatF, double Derivative)
{
    private sealed record PrimitiveFunction(string Name, Func<double, double> G, Func<float, float> GFloat, Func<double, double> Dg, bool Edge);

    private static readonly PrimitiveFunction[] Primitives =
    [
        new PrimitiveFunction("exp", Math.Exp, MathF.Exp, Math.Exp, false),
        new PrimitiveFunction("sin", Math.Sin, MathF.Sin, Math.Cos, false),
        new PrimitiveFunction("tanh", Math.Tanh, MathF.Tanh, u => 1 - Math.Tanh(u) * Math.Tanh(u), false),
        new PrimitiveFunction("log(1+u²)", u => Math.Log(1 + u * u), u => MathF.Log(1 + u * u), u => 2 * u / (1 + u * u), false),
        new PrimitiveFunction("1/(1+u²)", u => 1 / (1 + u * u), u => 1 / (1 + u * u), u => -2 * u / ((1 + u * u) * (1 + u * u)), false),
        new PrimitiveFunction("u³−2u", u => u * u * u - 2 * u, u => u * u * u - 2 * u, u => 3 * u * u - 2, false),
        new PrimitiveFunction("softplus", u => Math.Log(1 + Math.Exp(u)), u => MathF.Log(1 + MathF.Exp(u)), u => 1 / (1 + Math.Exp(-u)), false),
        new PrimitiveFunction("sqrt near 0", Math.Sqrt, MathF.Sqrt, u => 0.5 / Math.Sqrt(u), true),
        new PrimitiveFunction("log near 0", Math.Log, MathF.Log, u => 1 / u, true),
    ];

    public static IEnumerable<string> PrimitiveNames => Primitives.Select(p => p.Name);

    /// <summary>The i-th function of the family for a precision (float uses smaller amplitude and offset ranges).</summary>
    public static RandomFunction Create(Random random, bool single)
    {
        var first = Primitives[random.Next(Primitives.Length)];
        double maxAmplitude = single ? 3 : 8, maxOffset = single ? 4 : 10;
        double a1 = SignedPowerOfTen(random, -maxAmplitude, maxAmplitude);
        double offset = random.Next(2) == 0 ? 0 : SignedPowerOfTen(random, 0, maxOffset);
        if (single) (a1, offset) = ((float)a1, (float)offset);

        double x;
        double s1, c = 0;
        if (first.Edge)
        {
            // u = x − c, with x within 1e-6..1 of the edge c; x − c is exact (Sterbenz) for c ∈ {0, 1, 2}.
            c = random.Next(3);
            s1 = 1;
            double distance = Math.Pow(10, -6 + 6 * random.NextDouble());
            x = c + distance;
        }
        else
        {
            s1 = Math.Pow(2, random.Next(-6, 7));
            x = (random.NextDouble() * 4 - 2) / s1;
        }
        if (single) x = (float)x;
        if (first.Edge && x - c <= 0) x = single ? MathF.BitIncrement((float)x) : Math.BitIncrement(x);

        // Half of the functions get a second smooth term.
        var second = random.Next(2) == 0 ? null : Primitives[random.Next(Primitives.Length - 2)];
        double a2 = second is null ? 0 : SignedPowerOfTen(random, -maxAmplitude, maxAmplitude);
        double s2 = Math.Pow(2, random.Next(-4, 5));
        while (Math.Abs(s2 * x) > 4) s2 /= 2;   // keep the second term's argument where exp and u³ stay moderate
        if (single) a2 = (float)a2;

        double F(double v) => a1 * first.G(s1 * (v - c)) + (second is null ? 0 : a2 * second.G(s2 * v)) + offset;
        float Ff(float v) => (float)a1 * first.GFloat((float)s1 * (v - (float)c)) + (second is null ? 0f : (float)a2 * second.GFloat((float)s2 * v)) + (float)offset;
        double derivative = a1 * s1 * first.Dg(s1 * (x - c)) + (second is null ? 0 : a2 * s2 * second.Dg(s2 * x));
        return new RandomFunction(first.Name, x, F, Ff, derivative);
    }

    private static double SignedPowerOfTen(Random random, double low, double high) =>
        (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, low + (high - low) * random.NextDouble());
}
