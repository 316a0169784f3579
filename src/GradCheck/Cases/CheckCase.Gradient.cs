using System.Numerics;

namespace GradCheck;

// Gradient cases: a function of a flat vector, and every tensor of a model.
public sealed partial class CheckCase
{
    /// <summary>A check of one function of a flat <see cref="double"/> vector, reported as a single group.</summary>
    /// <param name="name">The case's name.</param>
    /// <param name="function">The scalar function. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient to check.</param>
    /// <param name="point">Where to check. Copied, so the case can run more than once.</param>
    /// <param name="entryName">Names entries in reports; null: <c>x[i]</c>.</param>
    public static CheckCase Function(string name, Func<double[], double> function, Func<double[], double[]> gradient, double[] point, Func<int, string>? entryName = null) =>
        FunctionOf(name, function, gradient, point, entryName);

    /// <inheritdoc cref="Function(string, Func{double[], double}, Func{double[], double[]}, double[], Func{int, string}?)"/>
    public static CheckCase Function(string name, Func<float[], float> function, Func<float[], float[]> gradient, float[] point, Func<int, string>? entryName = null) =>
        FunctionOf(name, function, gradient, point, entryName);

    /// <summary>
    /// A whole-model check with <see cref="ModelCheck"/>: one group per parameter tensor, named and shaped like the
    /// tensor, with its <see cref="ParameterReport.Diagnosis"/>.
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="model">The model at the point to check; its parameters are restored after every run.</param>
    public static CheckCase Model<T>(string name, IDifferentiableModel<T> model) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CheckCase(name, (options, cancellationToken) =>
        {
            var report = ModelCheck.Run(model, options, cancellationToken);
            return new CheckCaseResult(report.Parameters.Select(p => new CheckGroup(p.Name, p.Shape, p.Report)
            {
                Diagnosis = p.Diagnosis,
                Line = LineThrough(model, model.Parameters.First(q => q.Name == p.Name)),
            }).ToArray());
        });
    }

    private static CheckCase FunctionOf<T>(string name, Func<T[], T> function, Func<T[], T[]> gradient, T[] point, Func<int, string>? entryName)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        T[] start = (T[])point.Clone();
        return new CheckCase(name, (options, cancellationToken) =>
        {
            T[] x = (T[])start.Clone();
            var report = GradientCheck.Run(function, gradient, x, entryName is null ? options : options with { EntryName = entryName }, cancellationToken);
            return new CheckCaseResult([new CheckGroup(name, [start.Length], report) { Line = LineThrough(function, start) }]);
        });
    }

    /// <summary>
    /// The loss along one entry of a tensor. Writes into the model's memory for one forward pass and puts the value
    /// back, so it must not run while another check of the same model is running.
    /// </summary>
    private static Func<int, double, double> LineThrough<T>(IDifferentiableModel<T> model, Parameter<T> parameter) where T : IFloatingPointIeee754<T> =>
        (index, offset) =>
        {
            var storage = parameter.Storage;
            var original = storage.Values();
            var moved = (T[])original.Clone();
            moved[index] += T.CreateChecked(offset);
            try
            {
                storage.WriteValues(moved);
                return double.CreateChecked(model.Loss());
            }
            finally
            {
                storage.WriteValues(original);
            }
        };

    /// <summary>f along one coordinate: offset ↦ f(point + offset·eᵢ), on a private copy of the point.</summary>
    internal static Func<int, double, double> LineThrough<T>(Func<T[], T> function, T[] point) where T : IFloatingPointIeee754<T> =>
        (index, offset) =>
        {
            T[] x = (T[])point.Clone();
            x[index] += T.CreateChecked(offset);
            return double.CreateChecked(function(x));
        };
}
