namespace GradCheck;

/// <summary>
/// The comparison of one gradient entry with its finite-difference estimate. Values are doubles whatever
/// the element type of the checked function.
/// </summary>
public sealed record EntryResult
{
    /// <summary>Index of the coordinate in the flat point.</summary>
    public required int Index { get; init; }

    /// <summary>The analytic value: the gradient's entry at <see cref="Index"/>.</summary>
    public required double Analytic { get; init; }

    /// <summary>The finite-difference estimate of the same derivative.</summary>
    public required double Numeric { get; init; }

    /// <summary>|Analytic − Numeric|.</summary>
    public required double AbsoluteError { get; init; }

    /// <summary>|Analytic − Numeric| / max(|Analytic|, |Numeric|); 0 when both are 0.</summary>
    public required double RelativeError { get; init; }

    /// <summary>Estimated error of <see cref="Numeric"/> (truncation and rounding), from the scheme itself.</summary>
    public required double ErrorEstimate { get; init; }

    /// <summary>The largest |Analytic − Numeric| that was accepted for this entry: an absolute tolerance, in the units of the derivative.</summary>
    public required double Tolerance { get; init; }

    /// <summary>The verdict.</summary>
    public required EntryVerdict Verdict { get; init; }

    /// <summary>The step that produced <see cref="Numeric"/> (the smallest step used by the extrapolation).</summary>
    public double Step { get; init; }

    /// <summary>Function evaluations spent on this entry.</summary>
    public int Evaluations { get; init; }

    /// <summary>Left derivative estimate where a kink was detected; otherwise null.</summary>
    public double? LeftDerivative { get; init; }

    /// <summary>Right derivative estimate where a kink was detected; otherwise null.</summary>
    public double? RightDerivative { get; init; }

    /// <summary>
    /// The jump of f found at the point along this coordinate (f(x⁺) − f(x⁻) as seen within <see cref="Step"/>) when
    /// the verdict is <see cref="EntryVerdict.Discontinuous"/>; otherwise null.
    /// </summary>
    public double? Jump { get; init; }

    /// <summary>A readable name of the entry, such as <c>x[3]</c> or <c>fc1.weight[3,7]</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>True when the verdict fails the report (Mismatch, NonFinite, Discontinuous or NotReentrant).</summary>
    public bool IsFailure => Verdict is EntryVerdict.Mismatch or EntryVerdict.NonFinite or EntryVerdict.Discontinuous or EntryVerdict.NotReentrant;

    /// <summary>
    /// True when the check could not resolve this derivative (<see cref="EntryVerdict.Inconclusive"/>): its tolerance
    /// is too large against the gradient's scale for a real bug to show.
    /// </summary>
    public bool IsInconclusive => Verdict == EntryVerdict.Inconclusive;

    /// <summary>
    /// |Analytic − Numeric| / <see cref="Tolerance"/>: how much of its tolerance the entry used (above 1 fails unless
    /// it is a valid kink); +∞ when a value is not finite or the error is positive against a zero tolerance. Reports
    /// rank entries by it and name the entry with the largest one; <see cref="RelativeError"/> is a different measure.
    /// </summary>
    public double ErrorToTolerance =>
        !double.IsFinite(Analytic) || !double.IsFinite(Numeric) ? double.PositiveInfinity
        : Tolerance > 0 ? AbsoluteError / Tolerance
        : AbsoluteError > 0 ? double.PositiveInfinity : 0;

    /// <summary>A result comparing <paramref name="analytic"/> with <paramref name="numeric"/>: the errors are computed here, once.</summary>
    /// <param name="index">The entry's flat index.</param>
    /// <param name="name">The entry's name.</param>
    /// <param name="analytic">The analytic value.</param>
    /// <param name="numeric">The value it is compared with.</param>
    /// <param name="errorEstimate">The estimated error of <paramref name="numeric"/> (0 for an exact requirement).</param>
    /// <param name="tolerance">The largest accepted |analytic − numeric|.</param>
    /// <param name="verdict">The verdict.</param>
    public static EntryResult Compare(int index, string name, double analytic, double numeric, double errorEstimate, double tolerance, EntryVerdict verdict)
    {
        double absolute = Math.Abs(analytic - numeric);
        return new EntryResult
        {
            Index = index,
            Name = name,
            Analytic = analytic,
            Numeric = numeric,
            AbsoluteError = absolute,
            RelativeError = absolute == 0 ? 0 : absolute / Math.Max(Math.Abs(analytic), Math.Abs(numeric)),
            ErrorEstimate = errorEstimate,
            Tolerance = tolerance,
            Verdict = verdict,
        };
    }

    /// <summary>The entry's label: <see cref="Name"/> when set, else <c>x[Index]</c>.</summary>
    public string Label => string.IsNullOrEmpty(Name) ? $"x[{Index}]" : Name;
}
