namespace GradCheck.Tests.Assurance;

/// <summary>What a family demands of a checker: the rule "never PASS what was not checked", made exact per family.</summary>
public enum Expectation
{
    /// <summary>Randomness, a Half function with a 5 % error: refused, Failed or Inconclusive, anything but Passed.</summary>
    NotPassed,

    /// <summary>A jump at (or within 1e-9 of) the point in entry j: Failed, and j is the one failing entry.</summary>
    FailsAtEntry,

    /// <summary>Every derivative drowned in f's rounding, gradient correct: Inconclusive, never Passed and never Failed.</summary>
    Inconclusive,

    /// <summary>A control: deterministic, smooth where the check looks, gradient correct: Passed.</summary>
    Passes,
}

public static class ExpectationRules
{
    /// <summary>True when <paramref name="result"/> is what <paramref name="expected"/> demands; <paramref name="entry"/> is the jumping entry.</summary>
    public static bool IsMetBy(this Expectation expected, CheckResult result, int? entry) => expected switch
    {
        Expectation.NotPassed => !result.Passed,
        Expectation.FailsAtEntry => result.Outcome == CheckOutcome.Failed && result.FailingEntries.SequenceEqual([entry!.Value]),
        Expectation.Inconclusive => result.Outcome == CheckOutcome.Inconclusive,
        Expectation.Passes => result.Passed,
        _ => throw new ArgumentOutOfRangeException(nameof(expected), expected, null),
    };

    /// <summary>Controls must pass; every other family must not.</summary>
    public static bool MustPass(this Expectation expected) => expected == Expectation.Passes;
}
