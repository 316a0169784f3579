namespace GradCheck.TorchSharp;

/// <summary>Thrown by <see cref="TensorCheckReport.ThrowIfFailed"/>: names every wrong Jacobian entry.</summary>
public sealed class TensorCheckFailedException : GradientCheckException
{
    /// <summary>Creates the exception for a failed report.</summary>
    public TensorCheckFailedException(TensorCheckReport report) : base(report.FailureMessage()) => Report = report;

    /// <summary>The full report.</summary>
    public TensorCheckReport Report { get; }
}
