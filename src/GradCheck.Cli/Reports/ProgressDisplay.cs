using Spectre.Console;
using Spectre.Console.Rendering;

namespace GradCheck.Cli.Reports;

/// <summary>
/// A live progress bar (entries, ETA, evaluations) while a case runs, fed by the core's options.Progress. Shown
/// only on an interactive terminal: redirected output gets no bar, so logs and snapshots stay clean.
/// </summary>
internal static class ProgressDisplay
{
    private const string EvaluationsKey = "evaluations";

    public static T Run<T>(IAnsiConsole console, string name, Func<IProgress<CheckProgress>?, T> run)
    {
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi) return run(null);
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new EvaluationsColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: 1);
                result = run(new TaskProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Called synchronously on the checking thread (not via System.Progress, which would post late updates).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value)
        {
            task.MaxValue = Math.Max(1, value.EntriesTotal);
            task.Value = value.EntriesDone;
            task.State.Update<int>(EvaluationsKey, _ => value.FunctionEvaluations);
        }
    }

    private sealed class EvaluationsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup($"[grey]{task.State.Get<int>(EvaluationsKey)} evaluations[/]");
    }
}
