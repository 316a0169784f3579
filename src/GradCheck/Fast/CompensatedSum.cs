namespace GradCheck.Fast;

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
