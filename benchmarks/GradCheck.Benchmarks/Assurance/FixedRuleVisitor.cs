using System.Numerics;
using GradCheck.Benchmarks.Verdicts;
using GradCheck.Tests.Assurance;

namespace GradCheck.Benchmarks.Assurance;

/// <summary>
/// Section 2's fixed rules (<see cref="FixedRules"/>: bare central-difference loops, no determinism check, as the
/// classic check and PyTorch's gradcheck are written) as one verdict per case: PASS when no entry is flagged.
/// </summary>
public sealed class FixedRuleVisitor(Rule rule) : IAssuranceCaseVisitor<CheckResult>
{
    public CheckResult Visit<T>(AssuranceCase<T> assuranceCase) where T : IFloatingPointIeee754<T>
    {
        var analytic = assuranceCase.Gradient((T[])assuranceCase.Point.Clone()).Select(double.CreateChecked).ToArray();
        var function = assuranceCase.NewFunction();
        var outcome = rule switch
        {
            Rule.Seed => FixedRules.Seed(function, assuranceCase.Point, analytic),
            Rule.PyTorch => FixedRules.PyTorch(function, assuranceCase.Point, analytic),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "a fixed rule"),
        };
        int[] flagged = Enumerable.Range(0, outcome.Flagged.Length).Where(i => outcome.Flagged[i]).ToArray();
        return new CheckResult(flagged.Length > 0 ? CheckOutcome.Failed : CheckOutcome.Passed, flagged, $"{flagged.Length} entries flagged");
    }
}
