namespace GradCheck.Tests.Assurance;

/// <summary>A 5 % error in a Half function's gradient must not pass, whether Half's rounding lets the check see it or not.</summary>
public sealed class HalfPrecisionTests
{
    public static TheoryData<string, CheckerMode> Families => CorpusUnderTest.Families(HalfPrecisionFamily.Group, CheckerMode.Full, CheckerMode.Fast);

    [Theory]
    [MemberData(nameof(Families))]
    public void A_5_percent_error_in_Half_is_never_passed(string family, CheckerMode mode) =>
        CorpusUnderTest.AssertEveryCaseMeetsItsExpectation(family, mode);
}
