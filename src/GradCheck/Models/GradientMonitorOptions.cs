namespace GradCheck;

/// <summary>Options of a <see cref="GradientMonitor{T}"/>. Every property has a working default.</summary>
public sealed record GradientMonitorOptions
{
    /// <summary>Check every this many training steps (at steps K, 2K, …; not at step 0, since wrong terms hide behind weights that are still at their initial values). Default 100.</summary>
    public int Interval { get; init; } = 100;

    /// <summary>Entries checked in every tensor at each check. Default 4. Each check draws a new sample, so coverage grows over training.</summary>
    public int SampleSize { get; init; } = 4;

    /// <summary>Throw a <see cref="GradientMonitorFailedException"/> when a check fails (default), or only report it.</summary>
    public bool ThrowOnFailure { get; init; } = true;

    /// <summary>Called after every check with its report (passing or failing), e.g. to log it.</summary>
    public Action<ModelReport>? OnCheck { get; init; }

    /// <summary>
    /// Options of each check (scheme, tolerance, seed …). Null: the defaults. Its <see cref="GradientCheckOptions.SampleSize"/>
    /// and <see cref="GradientCheckOptions.Indices"/> are replaced by <see cref="SampleSize"/>, and its seed is advanced at every check.
    /// </summary>
    public GradientCheckOptions? Check { get; init; }
}

/// <summary>
/// Thrown by <see cref="GradientMonitor{T}.Step"/> when a check during training fails, or is inconclusive and the
/// options do not accept that (<see cref="ModelReport.Outcome"/> tells which).
/// </summary>
public sealed class GradientMonitorFailedException : GradientCheckException
{
    /// <summary>Creates the exception.</summary>
    public GradientMonitorFailedException(long step, ModelReport report)
        : base(report.Outcome == CheckOutcome.Inconclusive
            ? $"Gradient check at training step {step} was inconclusive (set GradientCheckOptions.AcceptInconclusive in Check to accept that).{Environment.NewLine}{Reporting.ReportText.InconclusiveMessage(report.Details)}"
            : $"Gradient check at training step {step} failed.{Environment.NewLine}{report.FailureMessage()}")
    {
        Step = step;
        Report = report;
    }

    /// <summary>The training step (1-based) at which the check failed.</summary>
    public long Step { get; }

    /// <summary>The failed check's report.</summary>
    public ModelReport Report { get; }
}
