using GradCheck.FiniteDifferences;

namespace GradCheck.Tests.Support;

/// <summary>A line through a float32 function of one variable: steps are realised in float32, as a float32 check realises them.</summary>
internal sealed class FloatLineProbe(Func<float, float> f, float x) : ILineProbe
{
    public double X => x;

    public double F0 { get; } = f(x);

    public double Epsilon => Math.Pow(2, -23);

    public double Noise => 0;

    public double Evaluate(double offset, out double actualOffset)
    {
        float moved = (float)(x + offset);
        actualOffset = (double)moved - x;
        return f(moved);
    }
}
