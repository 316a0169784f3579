namespace GradCheck;

/// <summary>
/// A contract a derivative product broke whatever the tolerance (PyTorch's gradcheck contracts for a vᵀJ or Ju
/// callback): p(x, 0) = 0, p(x, 2w) = 2·p(x, w), and two calls with the same arguments giving the same values. Not an
/// entry of the Jacobian, so it is listed in <see cref="GradientReport.ContractFailures"/>, not in
/// <see cref="GradientReport.Entries"/>; it fails the report (<see cref="GradientReport.Failures"/> lists it as <see cref="Entry"/>).
/// </summary>
public sealed class ContractFailure
{
    private ContractFailure(string contract, EntryResult entry)
    {
        Contract = contract;
        Entry = entry;
    }

    /// <summary>The contract, e.g. <c>vjp(x, 0) = 0</c> or <c>jvp(x, u) reentrant</c>.</summary>
    public string Contract { get; }

    /// <summary>What the product returned (for reentrancy: the first call's value at the entry that changed most).</summary>
    public double Observed => Entry.Analytic;

    /// <summary>What the contract requires (for reentrancy: the second call's value).</summary>
    public double Required => Entry.Numeric;

    /// <summary>The largest difference accepted: rounding for the scaling contract, the nondeterminism tolerance otherwise.</summary>
    public double Tolerance => Entry.Tolerance;

    /// <summary>Mismatch, or NotReentrant for the reentrancy contract.</summary>
    public EntryVerdict Verdict => Entry.Verdict;

    /// <summary>
    /// The failure as a report row, named <c>contract: …</c>, as reports print it and <see cref="GradientReport.Failures"/>
    /// lists it. Its <see cref="EntryResult.Index"/> is −1: it belongs to no coordinate.
    /// </summary>
    public EntryResult Entry { get; }

    /// <summary>A broken contract, from its report row (whose name is <c>contract: </c> and the contract).</summary>
    internal static ContractFailure Of(string contract, EntryResult row) =>
        new(contract, row with { Index = -1, Name = $"contract: {contract}" });
}
