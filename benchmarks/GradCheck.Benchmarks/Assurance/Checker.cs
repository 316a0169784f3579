using GradCheck.Benchmarks.Verdicts;
using GradCheck.Tests.Assurance;

namespace GradCheck.Benchmarks.Assurance;

/// <summary>The checkers section 5 compares on the false-assurance corpus.</summary>
public enum Checker
{
    GradCheckFull,
    GradCheckFast,
    ModelCheck,
    Classic,
    PyTorch,
}

public static class Checkers
{
    public static readonly Checker[] All = [Checker.GradCheckFull, Checker.GradCheckFast, Checker.ModelCheck, Checker.Classic, Checker.PyTorch];

    public static string Name(this Checker checker) => checker switch
    {
        Checker.GradCheckFull => "GradCheck full",
        Checker.GradCheckFast => "GradCheck fast",
        Checker.ModelCheck => "ModelCheck",
        Checker.Classic => "classic check",
        _ => "PyTorch's rule",
    };

    /// <summary>
    /// The checker's verdict on a fresh instance of the case's function; null where it does not apply (ModelCheck runs
    /// the randomness families only: random forward passes are what models have and plain functions rarely do).
    /// </summary>
    public static CheckResult? Run(this Checker checker, IAssuranceCase assuranceCase) => checker switch
    {
        Checker.GradCheckFull => assuranceCase.Run(CheckerMode.Full),
        Checker.GradCheckFast => assuranceCase.Run(CheckerMode.Fast),
        Checker.ModelCheck => assuranceCase.Group == RandomnessFamilies.Group ? assuranceCase.Run(CheckerMode.Model) : null,
        Checker.Classic => assuranceCase.Accept(new FixedRuleVisitor(Rule.Seed)),
        _ => assuranceCase.Accept(new FixedRuleVisitor(Rule.PyTorch)),
    };
}
