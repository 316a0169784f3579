namespace GradCheck;

/// <summary>
/// A named check that a runner (the <c>gradcheck</c> tool) starts with options of its choosing: seed, mode, progress
/// reporting, acceptance of inconclusive results, cancellation. Every check kind has a factory:
/// <see cref="Function(string, Func{double[], double}, Func{double[], double[]}, double[], Func{int, string}?)"/> (a gradient),
/// <see cref="Model"/> (every tensor of a model), <see cref="Jacobian"/>, <see cref="Vjp"/>, <see cref="Jvp"/>,
/// <see cref="Hessian"/>, <see cref="Taylor(string, Func{double[], double}, Func{double[], double[]}, double[], TaylorTestOptions?)"/> and
/// <see cref="Descent(string, Func{double[], double}, Func{double[], double[]}, double[], DescentCheckOptions?)"/>;
/// <see cref="Create{TReport}"/> wraps any other check that returns an <see cref="ICheckReport"/> (a TorchSharp check),
/// and <see cref="Create(string, Func{GradientCheckOptions, CancellationToken, CheckCaseResult})"/> builds several named groups.
/// </summary>
public sealed partial class CheckCase
{
    private readonly Func<GradientCheckOptions, CancellationToken, CheckCaseResult> _run;

    private CheckCase(string name, Func<GradientCheckOptions, CancellationToken, CheckCaseResult> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        Name = name;
        _run = run;
    }

    /// <summary>The case's name, used in reports and by name filters.</summary>
    public string Name { get; }

    /// <summary>
    /// A general case: <paramref name="run"/> receives the runner's options (merge your own into them with
    /// <c>options with { … }</c>, keeping <see cref="GradientCheckOptions.Seed"/> and
    /// <see cref="GradientCheckOptions.Progress"/>) and returns one or more named groups.
    /// </summary>
    public static CheckCase Create(string name, Func<GradientCheckOptions, CancellationToken, CheckCaseResult> run) => new(name, run);

    /// <summary>
    /// A case of any check kind: <paramref name="run"/> receives the runner's options (pass on what your check takes,
    /// e.g. <c>new TorchCheckOptions { Check = options }</c>, and the cancellation token where it takes one) and returns
    /// its report, shown as one group named like the case, with no shape of its own.
    /// </summary>
    /// <remarks>
    /// Generic rather than an overload on <see cref="ICheckReport"/> so that a lambda with no return type of its own
    /// (<c>(_, _) =&gt; throw …</c>) still binds to <see cref="Create(string, Func{GradientCheckOptions, CancellationToken, CheckCaseResult})"/>, as it did.
    /// </remarks>
    /// <typeparam name="TReport">The check's report type, e.g. <c>TensorCheckReport</c>.</typeparam>
    public static CheckCase Create<TReport>(string name, Func<GradientCheckOptions, CancellationToken, TReport> run) where TReport : ICheckReport
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(name, (options, cancellationToken) =>
        {
            TReport report = run(options, cancellationToken);
            return report is null
                ? throw new InvalidOperationException($"Check case '{name}' returned no report.")
                : SingleGroup(name, [], report);
        });
    }

    /// <summary>Runs the check with the runner's options.</summary>
    public CheckCaseResult Run(GradientCheckOptions? options = null, CancellationToken cancellationToken = default) =>
        _run(options ?? GradientCheckOptions.Default, cancellationToken)
        ?? throw new InvalidOperationException($"Check case '{Name}' returned no result.");

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>The result of a case that is one check: one group named like the case.</summary>
    private static CheckCaseResult SingleGroup(string name, IReadOnlyList<int> shape, ICheckReport report, Func<int, double, double>? line = null) =>
        new([new CheckGroup(name, shape, report) { Line = line }]);
}
