using System.Globalization;

namespace GradCheck.Internal;

/// <summary>
/// The evaluations made along one line (a coordinate or a direction), kept so that they can be repeated when
/// they did not behave like a smooth function's: the only direct test of randomness inside f is a second value
/// at exactly the same point (estimator-references.md, "Randomness"). Repeats cost only where something looked wrong.
/// </summary>
internal sealed class RepeatLog
{
    private readonly List<(double Offset, double Value)> _evaluations = [];

    public void Clear() => _evaluations.Clear();

    public void Record(double offset, double value) => _evaluations.Add((offset, value));

    /// <summary>
    /// Evaluates every logged offset again (through <paramref name="evaluate"/>, which must not log) and throws
    /// <see cref="NonDeterministicFunctionException"/> at the first value that differs by more than
    /// <paramref name="tolerance"/> (0: bit-identical). Returns the evaluations made.
    /// </summary>
    public int Verify(Func<double, double> evaluate, double tolerance, Func<double, string> where)
    {
        var logged = _evaluations.ToArray();
        int count = 0;
        foreach (var (offset, first) in logged)
        {
            double again = evaluate(offset);
            count++;
            if (DeterminismCheck.Same(first, again, tolerance)) continue;
            throw new NonDeterministicFunctionException(
                string.Create(CultureInfo.InvariantCulture, $"The function gave two different values at the same point ({where(offset)}): ")
                + DeterminismCheck.Message(first, again, tolerance));
        }
        return count;
    }
}
