namespace GradCheck.Fast;

/// <summary>
/// The analytic side of a fast check: the claimed derivative along a direction segment and along single
/// coordinates. A gradient answers from its entries; a Jacobian-vector product answers by being called.
/// Called from one thread only, so user callbacks behind it need not be thread-safe.
/// </summary>
internal interface IDirectionalAnalytic
{
    /// <summary>The claimed directional derivative along <paramref name="segment"/>, and Σ|g_i·d_i| (the scale of its rounding).</summary>
    (double Value, double Magnitude) Along(DirectionSegment segment);

    /// <summary>The claimed partial derivative along coordinate <paramref name="index"/>.</summary>
    double Entry(int index);

    /// <summary>The largest |entry| known: backprop's rounding is relative to it (see ErrorBudget).</summary>
    IReadOnlyList<double> KnownEntries { get; }
}

/// <summary>The analytic side when the whole gradient is at hand.</summary>
internal sealed class GradientAnalytic(double[] gradient) : IDirectionalAnalytic
{
    public (double Value, double Magnitude) Along(DirectionSegment segment)
    {
        var (coordinates, signs) = (segment.Direction.Coordinates, segment.Direction.Signs);
        var sum = new CompensatedSum();
        double magnitude = 0;
        for (int p = segment.Start; p < segment.End; p++)
        {
            double term = signs[p] * gradient[coordinates[p]];
            sum.Add(term);
            magnitude += Math.Abs(term);
        }
        return (sum.Value, magnitude);
    }

    public double Entry(int index) => gradient[index];

    public IReadOnlyList<double> KnownEntries => gradient;
}

/// <summary>
/// Neumaier's compensated sum: g·d over 10⁶ terms is then accurate to a few ulps, so the budget need not
/// allow for the summation itself (which is the checker's doing, not the user's).
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double term)
    {
        double t = _sum + term;
        _compensation += Math.Abs(_sum) >= Math.Abs(term) ? (_sum - t) + term : (term - t) + _sum;
        _sum = t;
    }
}
