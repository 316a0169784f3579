using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace GradCheck.Tests;

/// <summary>
/// The restore guarantee as a property: whatever the point and however the check ends (pass, failure, a throwing
/// or non-finite function, one that writes into its input, cancellation), the caller's point is bit-identical afterwards.
/// </summary>
public class RestoreGuaranteeProperties
{
    /// <summary>How the check is made to end.</summary>
    public enum Ending { Correct, WrongGradient, Throws, NotFinite, WritesIntoPoint, Cancelled, NonDeterministic }

    private static readonly Ending[] Endings = Enum.GetValues<Ending>();

    public static Arbitrary<double[]> Points() =>
        Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Choose(-4000, 4000).Select(v => v / 1000.0 + (v % 7 == 0 ? 0 : 1e-3 * (v % 3))), n)).ToArbitrary();

    [Property(MaxTest = 60, Arbitrary = [typeof(RestoreGuaranteeProperties)])]
    public bool The_point_is_bit_identical_after_any_ending(double[] point, PositiveInt evaluationSeed, int endingIndex, bool fast)
    {
        var ending = Endings[Math.Abs(endingIndex % Endings.Length)];
        var before = point.Select(BitConverter.DoubleToInt64Bits).ToArray();
        int trigger = 1 + evaluationSeed.Get % 40, calls = 0;
        using var cancellation = new CancellationTokenSource();

        double F(double[] x)
        {
            calls++;
            double value = x.Select((v, i) => (i + 1) * Math.Sin(v) + 0.5 * v * v).Sum();
            if (calls < trigger) return value;
            switch (ending)
            {
                case Ending.Throws: throw new InvalidOperationException("planted");
                case Ending.NotFinite: return double.NaN;
                case Ending.WritesIntoPoint: x[0] += 1; return value;
                case Ending.Cancelled: cancellation.Cancel(); return value;
                case Ending.NonDeterministic: return value + calls * 1e-9;
                default: return value;
            }
        }

        double[] G(double[] x) => x.Select((v, i) => (i + 1) * Math.Cos(v) + v * (ending == Ending.WrongGradient && i == 0 ? 1.1 : 1)).ToArray();

        try
        {
            GradientCheck.Run(F, G, point, new GradientCheckOptions { Mode = fast ? CheckMode.Fast : CheckMode.Full }, cancellation.Token);
        }
        catch (Exception e) when (e is GradientCheckException or OperationCanceledException or ArgumentException)
        {
            // Every ending is allowed; only the point's bits are the property.
        }
        return point.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(before);
    }
}
