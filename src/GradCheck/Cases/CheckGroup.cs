using System.Text;

namespace GradCheck;

/// <summary>
/// One named part of a check with its report: typically a parameter tensor such as <c>fc1.weight</c> with its shape and
/// gradient report, or a whole check of another kind (a Taylor test, a descent check, a TorchSharp check) with its own report.
/// </summary>
public sealed record CheckGroup
{
    // One report of any kind; Report and CheckReport are two views of it. Equality and with-expressions go through this field.
    private readonly ICheckReport _report;

    /// <summary>A group whose report is a gradient report (gradient, Jacobian, Hessian or model-tensor check) with an entry per coordinate.</summary>
    /// <param name="Name">The group's name, e.g. a tensor name.</param>
    /// <param name="Shape">The group's shape, e.g. [out, in] for a weight matrix; [n] for a flat vector.</param>
    /// <param name="Report">The gradient report of the group's entries.</param>
    // Capitalised parameters: the names of the positional record this type was, so that named arguments keep compiling.
    public CheckGroup(string Name, IReadOnlyList<int> Shape, GradientReport Report) : this(Name, Shape, (ICheckReport)Report)
    {
    }

    /// <summary>
    /// A group whose report is of any kind: a <see cref="TaylorReport"/>, a <see cref="DescentReport"/>, a TorchSharp
    /// check's report, or a <see cref="GradientReport"/> typed as <see cref="ICheckReport"/>.
    /// </summary>
    /// <param name="name">The group's name.</param>
    /// <param name="shape">The group's shape, e.g. [n] for the point of a Taylor test; empty when the group has no shape of its own.</param>
    /// <param name="report">The group's report.</param>
    public CheckGroup(string name, IReadOnlyList<int> shape, ICheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Name = name;
        Shape = shape;
        _report = report;
    }

    /// <summary>The group's name, e.g. a tensor name.</summary>
    public string Name { get; init; }

    /// <summary>The group's shape, e.g. [out, in] for a weight matrix; [n] for a flat vector.</summary>
    public IReadOnlyList<int> Shape { get; init; }

    /// <summary>
    /// The group's report as a <see cref="GradientReport"/>, with its entry table. Throws
    /// <see cref="InvalidOperationException"/> for a group of another kind (read <see cref="CheckReport"/> there): a
    /// gradient report made up for a Taylor test would have no entries, and code reading its verdict would see a pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">The group's report is not a <see cref="GradientReport"/>.</exception>
    public GradientReport Report
    {
        get => _report as GradientReport ?? throw new InvalidOperationException(
            $"Group '{Name}' holds a {_report.GetType().Name}, which has no entry table. Read CheckGroup.CheckReport (an ICheckReport: Outcome, Summary, Warnings), "
            + "or test 'group.CheckReport is GradientReport report' first.");
        init => _report = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The group's report, whatever check made it: what runners read for the verdict, the summary and the warnings.</summary>
    public ICheckReport CheckReport
    {
        get => _report;
        init => _report = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The checked function along one coordinate, (index, offset) ↦ f(point + offset·e_index), where index is an
    /// <see cref="EntryResult.Index"/> of <see cref="Report"/>. Optional: reports use it to plot the error of
    /// plain central differences against the step. Null when the case cannot offer it.
    /// </summary>
    public Func<int, double, double>? Line { get; init; }

    /// <summary>What is probably wrong when the group failed (e.g. "transposed layout"), or null.</summary>
    public string? Diagnosis { get; init; }

    /// <summary>The parts of a gradient group, as the positional record this type was deconstructed into.</summary>
    /// <exception cref="InvalidOperationException">The group's report is not a <see cref="GradientReport"/>.</exception>
    public void Deconstruct(out string Name, out IReadOnlyList<int> Shape, out GradientReport Report)
    {
        Name = this.Name;
        Shape = this.Shape;
        Report = this.Report;
    }

    // As the positional record printed itself, except that a group of another kind prints CheckReport: Report would throw.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Shape = ").Append(Shape)
            .Append(_report is GradientReport ? ", Report = " : ", CheckReport = ").Append(_report)
            .Append(", Line = ").Append(Line).Append(", Diagnosis = ").Append(Diagnosis);
        return true;
    }
}
