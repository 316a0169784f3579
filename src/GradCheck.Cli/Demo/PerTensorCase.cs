namespace GradCheck.Cli.Demo;

/// <summary>A named slice of a flat parameter vector, e.g. W1 with shape [4, 3] at offset 0.</summary>
internal sealed record TensorSlice(string Name, int Offset, int[] Shape)
{
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// Builds a case that checks a flat parameter vector one tensor at a time, so reports have a group per tensor.
/// (A stand-in until the core's model checks arrive; they can plug into <see cref="CheckCase.Create"/> the same way.)
/// </summary>
internal static class PerTensorCase
{
    public static CheckCase Create(string name, Func<double[], double> loss, Func<double[], double[]> gradient, double[] point,
        IReadOnlyList<TensorSlice> tensors, Func<int, string> entryName)
    {
        double[] start = (double[])point.Clone();
        return CheckCase.Create(name, (options, cancellationToken) =>
        {
            int total = tensors.Sum(t => t.Length), doneBefore = 0, evaluationsBefore = 0;
            var groups = new List<CheckGroup>();
            foreach (var tensor in tensors)
            {
                // One progress bar for the whole case: offset each tensor's progress by the tensors before it.
                var progress = options.Progress is { } outer
                    ? new OffsetProgress(outer, doneBefore, evaluationsBefore, total)
                    : null;
                var tensorOptions = options with
                {
                    Indices = Enumerable.Range(tensor.Offset, tensor.Length).ToArray(),
                    EntryName = entryName,
                    Progress = progress,
                };
                var report = GradientCheck.Run(loss, gradient, (double[])start.Clone(), tensorOptions, cancellationToken);
                doneBefore += report.Entries.Count;
                evaluationsBefore += report.FunctionEvaluations;
                groups.Add(new CheckGroup(tensor.Name, tensor.Shape, report) { Line = (i, offset) => Along(loss, start, i, offset) });
            }
            return new CheckCaseResult(groups);
        });
    }

    private static double Along(Func<double[], double> loss, double[] start, int index, double offset)
    {
        double[] x = (double[])start.Clone();
        x[index] += offset;
        return loss(x);
    }

    private sealed class OffsetProgress(IProgress<CheckProgress> outer, int done, int evaluations, int total) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) =>
            outer.Report(new CheckProgress(done + value.EntriesDone, total, evaluations + value.FunctionEvaluations));
    }
}
