using System.Diagnostics;
using System.Reflection;
using GradCheck.Cli.Discovery;

namespace GradCheck.Cli.Running;

/// <summary>Runs one discovered case with the runner's options; a case that throws becomes an error outcome.</summary>
internal static class CaseRunner
{
    public static CaseOutcome Run(DiscoveredCase discovered, int? seed, CheckMode mode, IProgress<CheckProgress>? progress, CancellationToken cancellationToken,
        bool acceptInconclusive = false)
    {
        if (discovered.Case is null) return new CaseOutcome(discovered, null, discovered.DiscoveryError, TimeSpan.Zero);
        var options = new GradientCheckOptions { Seed = seed, Mode = mode, Progress = progress, AcceptInconclusive = acceptInconclusive };
        var clock = Stopwatch.StartNew();
        try
        {
            var result = discovered.Case.Run(options, cancellationToken);
            return new CaseOutcome(discovered, result, null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Misuse (a wrong-length gradient, a non-deterministic loss) throws with advice; show it as the case's error.
            var inner = e is TargetInvocationException { InnerException: { } ie } ? ie : e;
            return new CaseOutcome(discovered, null, $"{inner.GetType().Name}: {inner.Message}", clock.Elapsed);
        }
    }
}
