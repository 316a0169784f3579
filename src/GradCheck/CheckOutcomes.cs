namespace GradCheck;

/// <summary>How the outcomes of the parts of a check (tensors, inputs, case groups) make the outcome of the whole, and how reports name them.</summary>
public static class CheckOutcomes
{
    /// <summary>The outcome as every report's summary states it: PASSED, FAILED or INCONCLUSIVE.</summary>
    /// <param name="outcome">The outcome.</param>
    public static string Verdict(CheckOutcome outcome) => Reporting.ReportText.Verdict(outcome);

    /// <summary>The phrase every report's summary ends with: the entry that used the most of its tolerance ("" when none).</summary>
    /// <param name="entries">The entries.</param>
    public static string WorstEntryPhrase(IEnumerable<EntryResult> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Reporting.WorstEntry.Phrase(entries);
    }

    /// <summary>Failed when any part failed; otherwise Inconclusive when any part was; otherwise Passed (also for no parts).</summary>
    /// <param name="parts">The outcomes of the parts.</param>
    public static CheckOutcome Worst(IEnumerable<CheckOutcome> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var outcome = CheckOutcome.Passed;
        foreach (var part in parts)
        {
            if (part == CheckOutcome.Failed) return CheckOutcome.Failed;
            if (part == CheckOutcome.Inconclusive) outcome = CheckOutcome.Inconclusive;
        }
        return outcome;
    }
}
