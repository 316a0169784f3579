
namespace GradCheck;

/// <summary>
/// A fixed tolerance rule that replaces the error budget: for reproducing another tool's verdicts or a
/// project's historical threshold. Built by factories; both rules are stated exactly in their docs, because
/// "absolute or relative, and or or" is the most common source of confusion in gradient checkers.
/// </summary>
public sealed class FixedTolerance
{
    private FixedTolerance(double absolute, double relative, bool relativeToLarger)
    {
        Absolute = absolute;
        Relative = relative;
        RelativeToLarger = relativeToLarger;
    }

    /// <summary>Absolute part of the rule.</summary>
    public double Absolute { get; }

    /// <summary>Relative part of the rule.</summary>
    public double Relative { get; }

    /// <summary>True: relative to max(|analytic|, |numeric|); false: relative to |numeric| (PyTorch's allclose).</summary>
    public bool RelativeToLarger { get; }

    /// <summary>
    /// PyTorch's rule: an entry passes iff |a − n| ≤ <paramref name="absolute"/> + <paramref name="relative"/>·|n|
    /// (one sum, not "either"). gradcheck's defaults are (1e-5, 1e-3).
    /// </summary>
    public static FixedTolerance AllClose(double absolute, double relative)
    {
        Validate(absolute, nameof(absolute));
        Validate(relative, nameof(relative));
        return new FixedTolerance(absolute, relative, relativeToLarger: false);
    }

    /// <summary>
    /// The classic relative-error rule (CS231n's): an entry passes iff |a − n| / max(|a|, |n|) ≤ <paramref name="maximum"/>
    /// (two zeros pass).
    /// </summary>
    public static FixedTolerance RelativeError(double maximum)
    {
        Validate(maximum, nameof(maximum));
        return new FixedTolerance(0, maximum, relativeToLarger: true);
    }

    /// <summary>The largest accepted |a − n| for this pair of values.</summary>
    public double For(double analytic, double numeric) =>
        Absolute + Relative * (RelativeToLarger ? Math.Max(Math.Abs(analytic), Math.Abs(numeric)) : Math.Abs(numeric));

    /// <inheritdoc />
    public override string ToString() => RelativeToLarger
        ? $"|a−n|/max(|a|,|n|) ≤ {Reporting.ReportText.Num(Relative)}"
        : $"|a−n| ≤ {Reporting.ReportText.Num(Absolute)} + {Reporting.ReportText.Num(Relative)}·|n|";

    private static void Validate(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, "A tolerance must be a finite number ≥ 0.");
    }
}
