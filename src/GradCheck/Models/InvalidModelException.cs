namespace GradCheck;

/// <summary>
/// Thrown before anything is evaluated when a model cannot be checked as declared: duplicate or empty
/// parameter names, a shape whose product is not the number of values, a gradient buffer of the wrong length.
/// </summary>
public sealed class InvalidModelException : GradientCheckException
{
    /// <summary>Creates the exception.</summary>
    public InvalidModelException(string message) : base(message) { }
}

/// <summary>Thrown by <see cref="ModelReport.ThrowIfFailed"/>: names each failing tensor, its diagnosis and the wrong entries.</summary>
public sealed class ModelCheckFailedException : GradientCheckException
{
    /// <summary>Creates the exception for a failed model report.</summary>
    public ModelCheckFailedException(ModelReport report) : base(report.FailureMessage()) => Report = report;

    /// <summary>The full report of the failed check.</summary>
    public ModelReport Report { get; }
}
