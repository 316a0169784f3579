using GradCheck.Models.Diagnosis;

namespace GradCheck;

/// <summary>The check of one parameter tensor: its core report (entries named by multi-index) and, when it failed, a diagnosis.</summary>
public sealed class ParameterReport
{
    internal ParameterReport(string name, int[] shape, int offset, GradientReport report, TensorDiagnosis? diagnosis)
    {
        Name = name;
        Shape = shape;
        Offset = offset;
        Report = report;
        Diagnosis = diagnosis?.Text;
        Pattern = diagnosis?.Pattern;
        Coefficient = diagnosis?.Coefficient;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The tensor's shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Flat index of the tensor's first entry in the model's parameters concatenated in order.</summary>
    public int Offset { get; }

    /// <summary>The tensor's outcome: that of its <see cref="Report"/> (Failed, else Inconclusive when an entry was not resolved, else Passed).</summary>
    public CheckOutcome Outcome => Report.Outcome;

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every checked entry of this tensor was resolved and agrees.</summary>
    public bool Passed => Report.Passed;

    /// <summary>The core report of this tensor; entry indices are flat indices within the tensor, names carry the multi-index.</summary>
    public GradientReport Report { get; }

    /// <summary>Number of entries of the tensor (the product of its shape).</summary>
    public int Length => Report.Dimension;

    /// <summary>Number of entries checked (all, or a sample).</summary>
    public int EntriesChecked => Report.Entries.Count;

    /// <summary>The largest relative error among the checked entries.</summary>
    public double WorstRelativeError => Report.WorstRelativeError;

    /// <summary>When the tensor failed: the likely bug, in words, from the numbers (null when it passed).</summary>
    public string? Diagnosis { get; }

    /// <summary>When the tensor failed: the recognized pattern (null when it passed).</summary>
    public FailurePattern? Pattern { get; }

    /// <summary>
    /// The pattern's number, when it has one: the factor c of analytic ≈ c·numeric (<see cref="FailurePattern.ConstantFactor"/>,
    /// −1 for <see cref="FailurePattern.SignFlipped"/>) or the coefficient λ of analytic − numeric ≈ λ·weight
    /// (<see cref="FailurePattern.ProportionalToWeights"/>).
    /// </summary>
    public double? Coefficient { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {ParameterIndex.Shape(Shape)}: {Report.Summary}{(Diagnosis is null ? "" : $" — {Diagnosis}")}";
}
