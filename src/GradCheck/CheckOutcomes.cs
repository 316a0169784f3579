namespace GradCheck;

/// <summary>How the outcomes of the parts of a check (tensors, inputs, case groups) make the outcome of the whole.</summary>
internal static class CheckOutcomes
{
    /// <summary>Failed when any part failed; otherwise Inconclusive when any part was; otherwise Passed (also for no parts).</summary>
    public static CheckOutcome Worst(IEnumerable<CheckOutcome> parts)
    {
        var outcome = CheckOutcome.Passed;
        foreach (var part in parts)
        {
            if (part == CheckOutcome.Failed) return CheckOutcome.Failed;
            if (part == CheckOutcome.Inconclusive) outcome = CheckOutcome.Inconclusive;
        }
        return outcome;
    }
}
