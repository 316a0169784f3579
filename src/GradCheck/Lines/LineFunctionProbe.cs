using GradCheck.FiniteDifferences;

namespace GradCheck.Lines;

/// <summary>
/// A caller's <see cref="ILineFunction"/> as the estimators see it. Its rounding noise is not measured (0): the core's
/// assumed ulps of |f| apply, as they do for every function whose noise the check does not measure itself.
/// </summary>
internal sealed class LineFunctionProbe(ILineFunction line) : ILineProbe
{
    public double X => line.X;

    public double F0 => line.F0;

    public double Epsilon => line.Epsilon;

    public double Noise => 0;

    public double Evaluate(double offset, out double actualOffset) => line.Evaluate(offset, out actualOffset);
}
