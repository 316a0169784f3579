namespace GradCheck.FiniteDifferences;

/// <summary>
/// f restricted to one coordinate line, as the estimators see it: values at x + offset (as doubles, whatever
/// the element type) and the offset that the element type really realised, so that a step that rounds in
/// float32 is divided by what was actually added, not by what was asked for.
/// </summary>
internal interface ILineProbe
{
    /// <summary>The coordinate's unperturbed value.</summary>
    double X { get; }

    /// <summary>f at the unperturbed point.</summary>
    double F0 { get; }

    /// <summary>Machine epsilon of the element type.</summary>
    double Epsilon { get; }

    /// <summary>Measured absolute rounding noise of one value of f (0 when unknown): a floor under the assumed ulps.</summary>
    double Noise { get; }

    /// <summary>f(x + offset); <paramref name="actualOffset"/> is (x + offset) − x as computed in the element type.</summary>
    double Evaluate(double offset, out double actualOffset);
}

/// <summary>A probe of a scalar function of one double, for the public one-dimensional estimators.</summary>
internal sealed class ScalarProbe : ILineProbe
{
    private readonly Func<double, double> _f;

    public ScalarProbe(Func<double, double> f, double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"x must be finite; it is {x}.", nameof(x));
        _f = f;
        X = x;
        F0 = f(x);
        if (!double.IsFinite(F0)) throw new NotFiniteAtPointException($"f({x}) = {F0}: the function must be finite where it is differentiated.");
    }

    public double X { get; }

    public double F0 { get; }

    public double Epsilon { get; } = Math.Pow(2, -52);

    public double Noise => 0;

    public double Evaluate(double offset, out double actualOffset)
    {
        double moved = X + offset;
        actualOffset = moved - X;
        return _f(moved);
    }
}
