namespace GradCheck.TorchSharp;

/// <summary>The check of one input tensor or parameter: its Jacobian entries against every output.</summary>
public sealed class TensorInputReport
{
    internal TensorInputReport(string name, int position, long[] shape, GradientReport report)
    {
        Name = name;
        Position = position;
        Shape = shape;
        Report = report;
    }

    /// <summary>The input's name: <c>input 1</c>, or the parameter's name from <c>named_parameters</c> (<c>fc1.weight</c>).</summary>
    public string Name { get; }

    /// <summary>Position in the inputs array (or in the module's parameter list).</summary>
    public int Position { get; }

    /// <summary>The tensor's shape.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The shape as text, e.g. <c>[2,3]</c>.</summary>
    public string ShapeText => "[" + string.Join(",", Shape) + "]";

    /// <summary>
    /// The core report: one entry per checked element and output element, named like
    /// <c>input 1 [0,2] w.r.t. output 0 [4]</c>; <see cref="EntryResult.Index"/> is the flat element index in the input.
    /// </summary>
    public GradientReport Report { get; }

    /// <summary>This input's outcome: that of its <see cref="Report"/> (Failed, else Inconclusive when an entry was not resolved, else Passed).</summary>
    public CheckOutcome Outcome => Report.Outcome;

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every entry of this input was resolved and agrees.</summary>
    public bool Passed => Report.Passed;
}
