using System.Globalization;
using System.Text;

namespace GradCheck.TorchSharp;

/// <summary>
/// The outcome of a TorchSharp check: one <see cref="TensorInputReport"/> per checked input tensor (or module
/// parameter), each with a verdict per Jacobian entry. Printing it gives a summary and the worst entries per input.
/// </summary>
public sealed class TensorCheckReport : ICheckReport
{
    internal TensorCheckReport(string title, IReadOnlyList<TensorInputReport> inputs, IReadOnlyList<string> outputs,
        int functionEvaluations, int backwardPasses, IReadOnlyList<string> warnings, string precision, IReadOnlyList<string>? skippedOutputs = null)
    {
        SkippedOutputs = skippedOutputs ?? [];
        Title = title;
        Inputs = inputs;
        Outputs = outputs;
        FunctionEvaluations = functionEvaluations;
        BackwardPasses = backwardPasses;
        Warnings = warnings;
        Precision = precision;
    }

    /// <summary>What was checked: "gradcheck", "gradgradcheck" or "module check", with " (projection)" in projection mode.</summary>
    public string Title { get; }

    /// <summary>
    /// Failed when any input failed; otherwise Inconclusive when some input had entries the numerics could not
    /// resolve (a wrong backward would have gone unnoticed there); otherwise Passed.
    /// </summary>
    public CheckOutcome Outcome => CheckOutcomes.Worst(Inputs.Select(i => i.Outcome));

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every entry of every input was resolved and agrees.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>True when the options accepted inconclusive entries (<see cref="CheckOptions.AcceptInconclusive"/> of the core options).</summary>
    public bool AcceptsInconclusive => Inputs.Count > 0 && Inputs.All(i => i.Report.AcceptsInconclusive);

    /// <summary>One report per checked input tensor or parameter, in input order.</summary>
    public IReadOnlyList<TensorInputReport> Inputs { get; }

    /// <summary>The outputs, described with their shapes, e.g. <c>output 0 [5]</c>.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// The outputs that were not checked, each with its reason, e.g. <c>output 1 [] (Int64): not floating-point, so it
    /// has no derivative</c>. Empty when every output was checked.
    /// </summary>
    public IReadOnlyList<string> SkippedOutputs { get; }

    /// <summary>Every checked Jacobian entry of every input.</summary>
    public IEnumerable<EntryResult> Entries => Inputs.SelectMany(i => i.Report.Entries);

    /// <summary>Exactly the Mismatch and NonFinite entries of every input.</summary>
    public IReadOnlyList<EntryResult> Failures => Inputs.SelectMany(i => i.Report.Failures).ToArray();

    /// <summary>Forward evaluations of the function for finite differences, the determinism check included.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Vector-Jacobian products (calls of <c>torch.autograd.grad</c>) for the analytic Jacobian.</summary>
    public int BackwardPasses { get; }

    /// <summary>Warnings about the whole check (non-reentrant backward, unused inputs); per-input warnings are in the input reports.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The element type the check ran in, e.g. "float64" or "float32".</summary>
    public string Precision { get; }

    /// <summary>
    /// Throws <see cref="TensorCheckFailedException"/> naming every wrong entry when the check failed, and
    /// <see cref="InconclusiveCheckException"/> naming the unresolved ones when it was inconclusive (unless the options accepted that).
    /// </summary>
    public void ThrowIfFailed()
    {
        switch (Outcome)
        {
            case CheckOutcome.Failed: throw new TensorCheckFailedException(this);
            case CheckOutcome.Inconclusive when !AcceptsInconclusive: throw new InconclusiveCheckException(InconclusiveMessage());
        }
    }

    private string InconclusiveMessage()
    {
        var text = new StringBuilder();
        text.Append(Summary);
        foreach (var input in Inputs.Where(i => i.Outcome == CheckOutcome.Inconclusive))
            text.AppendLine().Append(input.Name).Append(": ").Append(input.Report.InconclusiveMessage());
        return text.ToString();
    }

    /// <summary>How the inputs' Jacobians were checked (that of the first input; all inputs use the same method).</summary>
    public string Method => Inputs.Count > 0 ? Inputs[0].Report.Method : "";

    /// <summary>The seed of sampled entries or random directions of any input, or null when nothing random was drawn.</summary>
    public int? Seed => Inputs.Select(i => i.Report.Seed).FirstOrDefault(s => s is not null);

    /// <summary>The same report with further warnings (notes on how complex inputs and outputs were checked).</summary>
    internal TensorCheckReport WithWarnings(IEnumerable<string> more) =>
        new(Title, Inputs, Outputs, FunctionEvaluations, BackwardPasses, Warnings.Concat(more).ToArray(), Precision, SkippedOutputs);

    /// <summary>A one-line summary: verdict, counts, cost, worst entry.</summary>
    public string Summary
    {
        get
        {
            var entries = Entries.ToArray();
            int failures = entries.Count(e => e.IsFailure);
            int unresolved = entries.Count(e => e.IsInconclusive);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture,
                $"{Title} {CheckOutcomes.Verdict(Outcome)}: {entries.Length - failures - unresolved} of {entries.Length} Jacobian entries ok over {Inputs.Count} input(s) and {Outputs.Count} output(s)");
            if (SkippedOutputs.Count > 0) text.Append(CultureInfo.InvariantCulture, $" ({SkippedOutputs.Count} skipped)");
            if (unresolved > 0) text.Append(CultureInfo.InvariantCulture, $" ({unresolved} inconclusive)");
            text.Append(CultureInfo.InvariantCulture, $"; {FunctionEvaluations} forward evaluations, {BackwardPasses} backward passes");
            text.Append(CheckOutcomes.WorstEntryPhrase(entries));
            text.Append(CultureInfo.InvariantCulture, $" [{Precision}]");
            return text.ToString();
        }
    }

    /// <summary>The failure message: the failing entries of each failed input, with values, error and tolerance.</summary>
    public string FailureMessage()
    {
        var text = new StringBuilder();
        text.Append(Summary);
        foreach (var input in Inputs.Where(i => i.Outcome == CheckOutcome.Failed))
            text.AppendLine().Append(input.Name).Append(": ").Append(input.Report.FailureMessage());
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Summary);
        text.AppendLine("outputs: " + string.Join(", ", Outputs));
        foreach (var skipped in SkippedOutputs) text.AppendLine($"skipped {skipped}");
        foreach (var input in Inputs)
            text.AppendLine().Append(input.Name).Append(' ').AppendLine(input.ShapeText).AppendLine(input.Report.ToString());
        foreach (var warning in Warnings) text.AppendLine($"warning: {warning}");
        return text.ToString().TrimEnd();
    }
}
