namespace GradCheck.Tests.Assurance;

internal static class CaseName
{
    /// <summary>"family: base loss and details, seed s": enough to rebuild the case from a failure message.</summary>
    public static string Of(string family, string detail, int seed) => $"{family}: {detail}, seed {seed}";
}
