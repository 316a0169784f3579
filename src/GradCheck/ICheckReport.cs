namespace GradCheck;

/// <summary>
/// What every check's report says, whichever check made it (gradient, Jacobian, Hessian, model, Taylor, descent,
/// TorchSharp): code that runs checks of several kinds (a test helper, a CLI case) can treat them alike.
/// </summary>
public interface ICheckReport
{
    /// <summary>Passed, Failed, or Inconclusive when nothing failed but the check could not resolve what it had to.</summary>
    CheckOutcome Outcome { get; }

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>.</summary>
    bool Passed { get; }

    /// <summary>One line: the verdict, what was checked, the cost.</summary>
    string Summary { get; }

    /// <summary>
    /// True when the check's options accepted an inconclusive outcome (<c>AcceptInconclusive</c>): <see cref="ThrowIfFailed"/>
    /// then lets it through, and a runner counts it as a pass it was told to accept.
    /// </summary>
    bool AcceptsInconclusive { get; }

    /// <summary>Things the user should know beside the verdict; empty when there are none.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Calls of the checked function the check made.</summary>
    int FunctionEvaluations { get; }

    /// <summary>How the check was made (the finite-difference method and tolerance rule, or the test), in words.</summary>
    string Method { get; }

    /// <summary>The seed of what was drawn at random (sampled entries, directions), or null when nothing random was drawn.</summary>
    int? Seed { get; }

    /// <summary>Throws a <see cref="GradientCheckException"/> when the check failed or, unless the options accepted that, was inconclusive.</summary>
    void ThrowIfFailed();

    /// <summary>The message a failure is thrown with: what is wrong, with the values, and what to do.</summary>
    string FailureMessage();

    /// <summary>The full report as text.</summary>
    string ToString();
}
