using System.Diagnostics;
using System.Reflection;

namespace GradCheck.TorchSharp.Tests.Support;

/// <summary>
/// Runs a scenario (a public static method marked <see cref="ChildScenarioAttribute"/>) in a fresh process started from
/// this test assembly: a scenario that kills its process (an exception through native frames, a libtorch terminate)
/// then fails one test instead of the whole test host. The child prints what the scenario returns.
/// </summary>
public static class ChildProcess
{
    /// <summary>Exit code of a scenario that returned normally.</summary>
    public const int Survived = 0;

    /// <summary>Exit code of a scenario that threw a managed exception which reached Main (a catchable failure).</summary>
    public const int ThrewManaged = 3;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static (int ExitCode, string Output) Run(string scenario)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(scenario);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scenario {scenario} did not finish within {Timeout}");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The child's entry point: runs the named scenario and prints what it returns.</summary>
    public static int Main(string[] args)
    {
        if (args.Length != 1) return 2;
        var method = typeof(ChildProcess).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Single(m => m.GetCustomAttribute<ChildScenarioAttribute>() is not null && m.Name == args[0]);
        try
        {
            Console.WriteLine((string?)method.Invoke(null, null));
            return Survived;
        }
        catch (TargetInvocationException e)
        {
            Console.WriteLine($"{e.InnerException!.GetType().Name}: {e.InnerException.Message}");
            return ThrewManaged;
        }
    }
}

/// <summary>Marks a public static method returning string as a scenario <see cref="ChildProcess"/> can run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChildScenarioAttribute : Attribute;
