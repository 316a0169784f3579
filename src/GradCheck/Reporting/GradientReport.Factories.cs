using System.Numerics;
using GradCheck.Internal;

namespace GradCheck;

/// <summary>What every check states besides its kind: the entries, the cost, the warnings, the method in words and the seed of what it drew.</summary>
internal readonly record struct CheckFacts(IReadOnlyList<EntryResult> Entries, int FunctionEvaluations, IReadOnlyList<string> Warnings, string Method, int? Seed);

/// <summary>
/// The named factories every check builds its report with: each sets exactly the fields its kind of check has (mode,
/// directions, noise, what the dimension counts), so that no check can leave one at a misleading default.
/// </summary>
public partial class GradientReport
{
    /// <summary>The full check of a gradient at a point of <paramref name="dimension"/> coordinates of element type T.</summary>
    internal static GradientReport OfGradient<T>(CheckFacts facts, int dimension, double functionValue, double functionNoise, GradientCheckOptions options)
        where T : IFloatingPointIeee754<T> =>
        new(facts.Entries, facts.FunctionEvaluations, facts.Warnings, dimension, CheckInputs.ElementTypeName<T>(), facts.Method, facts.Seed, functionValue,
            options.AcceptInconclusive) { FunctionNoise = functionNoise, Mode = CheckMode.Full };

    /// <summary>The fast check of a gradient: <paramref name="directions"/> random directional derivatives, then the located entries.</summary>
    internal static GradientReport OfFastGradient<T>(CheckFacts facts, int dimension, double functionValue, double functionNoise, int directions,
        IReadOnlyList<DirectionFailure> directionFailures, GradientCheckOptions options)
        where T : IFloatingPointIeee754<T> =>
        new(facts.Entries, facts.FunctionEvaluations, facts.Warnings, dimension, CheckInputs.ElementTypeName<T>(), facts.Method, facts.Seed, functionValue,
            options.AcceptInconclusive) { FunctionNoise = functionNoise, Mode = CheckMode.Fast, Directions = directions, DirectionFailures = directionFailures };

    /// <summary>
    /// The check of an outputs × inputs Jacobian: the dimension counts its entries; f's value is the largest |yᵢ|.
    /// <paramref name="directions"/> is 0 in full mode; a product's broken contracts and fast mode's unlocated directions come in their own lists.
    /// </summary>
    internal static JacobianReport OfJacobian<T>(CheckFacts facts, int outputs, int inputs, double largestOutput, int directions,
        IReadOnlyList<ContractFailure> contractFailures, IReadOnlyList<DirectionFailure> directionFailures, GradientCheckOptions options)
        where T : IFloatingPointIeee754<T> =>
        new(facts, outputs, inputs, CheckInputs.ElementTypeName<T>(), largestOutput, options)
        {
            Mode = options.Mode,
            Directions = directions,
            DimensionUnit = "Jacobian entries",
            ContractFailures = contractFailures,
            DirectionFailures = directionFailures,
        };

    /// <summary>
    /// The check of one input along caller-supplied lines (<see cref="Lines.LineCheck"/>): the element type is the caller's,
    /// no noise is measured, and the mode is left at its default (an adapter's projection is not the core's fast mode).
    /// </summary>
    internal static GradientReport OfLines(CheckFacts facts, int dimension, string elementType, double functionValue, GradientCheckOptions options) =>
        new(facts.Entries, facts.FunctionEvaluations, facts.Warnings, dimension, elementType, facts.Method, facts.Seed, functionValue, options.AcceptInconclusive);

    /// <summary>The exact (dual-number) check: no finite differences, so no noise was measured.</summary>
    internal static GradientReport OfExact<T>(CheckFacts facts, int dimension, double functionValue, GradientCheckOptions options)
        where T : IFloatingPointIeee754<T> =>
        new(facts.Entries, facts.FunctionEvaluations, facts.Warnings, dimension, CheckInputs.ElementTypeName<T>(), facts.Method, facts.Seed, functionValue,
            options.AcceptInconclusive);

    /// <summary>The check of Hessian-vector products: entries are components of H·v, and f itself is not evaluated (its value is NaN).</summary>
    internal static GradientReport OfHessian<T>(CheckFacts facts, int dimension, bool acceptsInconclusive)
        where T : IFloatingPointIeee754<T> =>
        new(facts.Entries, facts.FunctionEvaluations, facts.Warnings, dimension, CheckInputs.ElementTypeName<T>(), facts.Method, facts.Seed, double.NaN, acceptsInconclusive);

    /// <summary>
    /// Several reports of the same function as one (the tensors of a model, the given and nearby points): their
    /// entries, evaluations and directions together; element type, mode, noise and the inconclusive rule from the
    /// first part, which is the check at the given point.
    /// </summary>
    internal static GradientReport Combine(IReadOnlyList<GradientReport> parts, IReadOnlyList<EntryResult> entries, IReadOnlyList<string> warnings,
        int functionEvaluations, int dimension, string method, int? seed, double functionValue)
    {
        var first = parts[0];
        return new GradientReport(entries, functionEvaluations, warnings, dimension, first.ElementType, method, seed, functionValue, first.AcceptsInconclusive)
        {
            FunctionNoise = first.FunctionNoise,
            Mode = first.Mode,
            Directions = parts.Sum(p => p.Directions),
            DimensionUnit = first.DimensionUnit,
            ContractFailures = parts.SelectMany(p => p.ContractFailures).ToArray(),
            DirectionFailures = parts.SelectMany(p => p.DirectionFailures).ToArray(),
        };
    }
}
