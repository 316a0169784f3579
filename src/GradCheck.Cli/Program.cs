using GradCheck.Cli;
using Spectre.Console;

// Ctrl+C cancels the running check cooperatively (the point is restored bit-exactly) instead of killing the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await CliApp.Create(ConsoleFactory.ForTerminal()).RunAsync(args, cancellation.Token);
