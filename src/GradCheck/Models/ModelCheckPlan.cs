using System.Globalization;
using System.Numerics;

namespace GradCheck.Models;

/// <summary>
/// Which entries of which tensors a model check examines, and the core options for each tensor. Sampling is
/// stratified: <see cref="GradientCheckOptions.SampleSize"/> entries of every tensor, each tensor with its own
/// seed, so a 1,000,000-entry weight matrix cannot crowd out a 10-entry bias and same-shaped tensors are not
/// all sampled at the same positions.
/// </summary>
internal sealed class ModelCheckPlan
{
    private ModelCheckPlan(IReadOnlyList<TensorPlan> tensors, int[] offsets, int dimension)
    {
        Tensors = tensors;
        Offsets = offsets;
        Dimension = dimension;
        EntriesTotal = tensors.Sum(t => t.Entries);
    }

    public IReadOnlyList<TensorPlan> Tensors { get; }

    /// <summary>Flat offset of each tensor in the parameters concatenated in order.</summary>
    public int[] Offsets { get; }

    public int Dimension { get; }

    public int EntriesTotal { get; }

    public static ModelCheckPlan Create<T>(GradientCheckOptions options, Parameter<T>[] parameters) where T : IFloatingPointIeee754<T>
    {
        if (options.Indices is not null && options.SampleSize is not null)
            throw new ArgumentException("Set either Indices or SampleSize in the options, not both.", nameof(options));
        if (options.SampleSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.SampleSize, "SampleSize (entries per tensor) must be at least 1.");
        var offsets = new int[parameters.Length];
        long dimension = 0;
        for (int t = 0; t < parameters.Length; t++)
        {
            offsets[t] = (int)dimension;
            dimension += parameters[t].Length;
            if (dimension > int.MaxValue)
                throw new InvalidModelException("The model has more than 2³¹ − 1 parameters in total; check a subset of its tensors at a time.");
        }
        var local = options.Indices is { } indices ? Split(indices, offsets, (int)dimension, parameters) : null;
        var tensors = new List<TensorPlan>();
        int entriesBefore = 0;
        int baseSeed = options.Seed ?? GradientCheckDefaults.Seed;
        for (int t = 0; t < parameters.Length; t++)
        {
            var parameter = parameters[t];
            int offset = offsets[t];
            Func<int, string> name = options.EntryName is { } userName ? i => userName(offset + i) : parameter.EntryName;
            var tensorOptions = options with { EntryName = name, Progress = null };
            int entries;
            if (local is not null)
            {
                if (local[t].Count == 0) continue;
                tensorOptions = tensorOptions with { Indices = local[t] };
                entries = local[t].Count;
            }
            else if (options.SampleSize is { } k)
            {
                // Tensor 0 keeps the base seed, so a one-tensor model samples exactly what GradientCheck.Run would.
                tensorOptions = tensorOptions with { Seed = unchecked(baseSeed + 1_000_003 * t) };
                entries = Math.Min(k, parameter.Length);
            }
            else
            {
                entries = parameter.Length;
            }
            tensors.Add(new TensorPlan(t, tensorOptions, entries, entriesBefore));
            entriesBefore += entries;
        }
        return new ModelCheckPlan(tensors, offsets, (int)dimension);
    }

    private static List<int>[] Split<T>(IReadOnlyList<int> indices, int[] offsets, int dimension, Parameter<T>[] parameters) where T : IFloatingPointIeee754<T>
    {
        if (indices.Count == 0)
            throw new ArgumentException("Indices is empty: give at least one flat parameter index to check, or leave it null to check all.", nameof(indices));
        var local = parameters.Select(_ => new List<int>()).ToArray();
        foreach (int index in indices)
        {
            if (index < 0 || index >= dimension)
                throw new ArgumentOutOfRangeException(nameof(indices), index, string.Create(CultureInfo.InvariantCulture,
                    $"Index {index} in Indices is outside the model, whose parameters concatenated in order have flat indices 0..{dimension - 1}."));
            int t = Array.BinarySearch(offsets, index);
            if (t < 0) t = ~t - 1;
            local[t].Add(index - offsets[t]);
        }
        return local;
    }
}

/// <summary>One tensor of a model check: its index in the model, the core options, and how many entries it checks.</summary>
internal sealed record TensorPlan(int Index, GradientCheckOptions Options, int Entries, int EntriesBefore);

/// <summary>Turns one tensor's progress into the whole model's progress.</summary>
internal sealed class OffsetProgress(IProgress<CheckProgress> target, ModelCheckPlan plan, TensorPlan tensor, int evaluationsBefore) : IProgress<CheckProgress>
{
    public void Report(CheckProgress value) => target.Report(new CheckProgress(
        tensor.EntriesBefore + value.EntriesDone, plan.EntriesTotal, evaluationsBefore + value.FunctionEvaluations));
}
