namespace GradCheck;

/// <summary>The base of every exception GradCheck throws for a check that cannot be completed or that failed.</summary>
public class GradientCheckException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GradientCheckException() { }

    /// <summary>Creates the exception with a message.</summary>
    public GradientCheckException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public GradientCheckException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Thrown by <see cref="GradientReport.ThrowIfFailed"/> when an entry is a Mismatch or NonFinite.</summary>
public sealed class GradientCheckFailedException : GradientCheckException
{
    /// <summary>Creates the exception for a failed report.</summary>
    public GradientCheckFailedException(GradientReport report) : base(report.FailureMessage()) => Report = report;

    /// <summary>The full report of the failed check.</summary>
    public GradientReport Report { get; }
}

/// <summary>
/// Thrown by <c>ThrowIfFailed()</c> when nothing failed but the check was <see cref="CheckOutcome.Inconclusive"/>:
/// some derivatives were drowned in f's rounding, so a wrong gradient would have passed as well.
/// </summary>
public sealed class InconclusiveCheckException : GradientCheckException
{
    /// <summary>Creates the exception with a message that names the unresolved entries and what to do.</summary>
    public InconclusiveCheckException(string message) : base(message) { }
}

/// <summary>
/// Thrown before any entry is checked when the function returns different values for the same point:
/// finite differences of a random function measure the noise, not the derivative.
/// </summary>
public sealed class NonDeterministicFunctionException : GradientCheckException
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicFunctionException(string message) : base(message) { }
}

/// <summary>
/// Thrown when the function or the gradient throws during a check. The original exception is the
/// <see cref="Exception.InnerException"/>; the message names the coordinate being perturbed.
/// </summary>
public sealed class FunctionEvaluationException : GradientCheckException
{
    /// <summary>Creates the exception.</summary>
    public FunctionEvaluationException(string message, Exception innerException, int? coordinate)
        : base(message, innerException) => Coordinate = coordinate;

    /// <summary>The coordinate that was perturbed when the exception was thrown, or null at the unperturbed point.</summary>
    public int? Coordinate { get; }
}

/// <summary>
/// Thrown before any entry is checked when the function (an output of it, or for a Hessian check the gradient) is NaN
/// or infinite at the point to check: there is no derivative there. <see cref="GradientCheck.RunNearby(Func{double[], double}, Func{double[], double[]}, double[], int, GradientCheckOptions?, CancellationToken)"/>
/// skips nearby points that fail this way.
/// </summary>
public sealed class NotFiniteAtPointException : GradientCheckException
{
    /// <summary>Creates the exception with a message that gives the value and what to do.</summary>
    public NotFiniteAtPointException(string message) : base(message) { }
}

/// <summary>
/// Thrown when the function (or a model's forward or backward pass) writes into the point it was given. A check
/// perturbs the point in place, so the code under test must treat it as read-only; the point is restored before this is thrown.
/// </summary>
public sealed class PointModifiedException : GradientCheckException
{
    /// <summary>Creates the exception with a message that names the changed coordinate.</summary>
    public PointModifiedException(string message) : base(message) { }
}
