using GradCheck.Fast;

namespace GradCheck.Jacobian;

/// <summary>
/// vₖᵀJ known as a vector per direction (from the matrix or from one VJP per direction): vₖᵀJu_S is a sum over the
/// segment. The rounding scale per input is Σᵢ|J_ij| when the matrix is known, else |(vₖᵀJ)_j|.
/// </summary>
internal sealed class WeightsAnalytic(double[][] weights, double[]? magnitudes) : IDirectionalAnalytic
{
    public (double Value, double Magnitude) Along(DirectionSegment segment)
    {
        var w = weights[segment.Direction.Number];
        var direction = segment.Direction;
        var sum = new CompensatedSum();
        double magnitude = 0;
        for (int p = segment.Start; p < segment.End; p++)
        {
            int j = direction.Coordinate(p);
            sum.Add(direction.Sign(p) * w[j]);
            magnitude += magnitudes?[j] ?? Math.Abs(w[j]);
        }
        return (sum.Value, magnitude);
    }

    public double Entry(int index) => weights[0][index];

    public IReadOnlyList<double> KnownEntries => weights[0];
}

/// <summary>
/// vₖᵀJu with the product Ju computed by the user's JVP, one call per segment. The rounding scale is Σᵢ|(Ju)_i|
/// (the products' own cancellation is not visible from outside).
/// </summary>
internal sealed class JvpAnalytic(Func<double[], double[]> jvp, double[][] v, int inputs) : IDirectionalAnalytic
{
    public (double Value, double Magnitude) Along(DirectionSegment segment)
    {
        var u = new double[inputs];
        for (int p = segment.Start; p < segment.End; p++) u[segment.Direction.Coordinate(p)] = segment.Direction.Sign(p);
        var ju = jvp(u);
        var vk = v[segment.Direction.Number];
        var sum = new CompensatedSum();
        double magnitude = 0;
        for (int i = 0; i < ju.Length; i++)
        {
            sum.Add(vk[i] * ju[i]);
            magnitude += Math.Abs(ju[i]);
        }
        return (sum.Value, magnitude);
    }

    /// <summary>Not used: the Jacobian check examines located inputs column by column.</summary>
    public double Entry(int index) => throw new NotSupportedException("The Jacobian check examines located inputs by columns.");

    public IReadOnlyList<double> KnownEntries => [];
}
