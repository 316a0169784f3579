namespace GradCheck.Tests.Assurance;

/// <summary>The ways GradCheck is run on a case: the full and the fast check of the function, and ModelCheck on it as a model.</summary>
public enum CheckerMode
{
    Full,
    Fast,
    Model,
}

public static class CheckerModes
{
    private static readonly GradientCheckOptions FastOptions = new() { Mode = CheckMode.Fast };

    /// <summary>GradCheck with its default options (fast mode aside), as a user would run it.</summary>
    public static CheckResult Run(this IAssuranceCase assuranceCase, CheckerMode mode) => mode switch
    {
        CheckerMode.Full => assuranceCase.Check(null),
        CheckerMode.Fast => assuranceCase.Check(FastOptions),
        CheckerMode.Model => assuranceCase.CheckModel(null),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
