namespace GradCheck.Cli;

/// <summary>The process exit codes of <c>gradcheck</c>; documented in the README and in <c>--help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Every case ended with its expected verdict (a pass, or a failure for cases declared ExpectFailure).</summary>
    public const int Success = 0;

    /// <summary>At least one case failed unexpectedly, passed although a failure was expected, or threw.</summary>
    public const int Failures = 1;

    /// <summary>The command line was wrong, or there was nothing to run (no assembly, no case matched).</summary>
    public const int UsageError = 2;

    /// <summary>A bug in gradcheck itself.</summary>
    public const int InternalError = 3;

    /// <summary>
    /// Nothing failed unexpectedly, but at least one case was inconclusive (and its options did not accept that):
    /// its derivatives were drowned in f's rounding, so it checked nothing. Distinct from 0 so that CI does not
    /// count an unchecked gradient as a checked one, and from 1 so that it is not mistaken for a bug found.
    /// </summary>
    public const int Inconclusive = 4;

    /// <summary>Interrupted with Ctrl+C (the shell convention 128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
