using System.Runtime.CompilerServices;

namespace GradCheck.Cli.Tests.Support;

/// <summary>
/// Compares text with a checked-in file under Snapshots/. On a difference the actual text is written next to it
/// as NAME.received.txt for diffing; set UPDATE_SNAPSHOTS=1 to accept new output.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(callerFile)!, "Snapshots");
        string expectedPath = System.IO.Path.Combine(directory, name);
        string receivedPath = System.IO.Path.ChangeExtension(expectedPath, ".received" + System.IO.Path.GetExtension(name));
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(expectedPath))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(expectedPath, actual);
            if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") != "1")
                Assert.Fail($"Snapshot {name} did not exist and was written; check it in and rerun.");
            return;
        }
        string expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Equal(expected, actual);
    }
}
