using GradCheck.Build;

namespace GradCheck.Build.Tests;

/// <summary>
/// The TorchSharp native fix as the build applies it: the libLibTorchSharp.so copied into this project's output is
/// loadable on this system (patched where the system libstdc++ lacks GLIBCXX_3.4.32, untouched where it has it).
/// </summary>
public sealed class NativeFixOutputTests
{
    private const string Libstdcxx = "libstdc++.so.6";
    private const string Needed = "GLIBCXX_3.4.32";

    [Fact]
    public void NativeGlueLibraryInTheOutputIsLoadableHere()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return; // TorchSharp ships its Linux glue for x64 only; elsewhere there is nothing to check.
        }

        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"the build copied no {path}");

        var image = ElfVersionPatcher.ReadFile(path);
        var need = ElfVersionPatcher.FindNeed(image, Libstdcxx, Needed);
        var libstdcxx = SystemLibraryProbe.Find(Libstdcxx, ElfVersionPatcher.ReadMachine(image));
        var systemHasIt = libstdcxx is not null
            && ElfVersionPatcher.ReadVersionDefinitions(ElfVersionPatcher.ReadFile(libstdcxx)).Contains(Needed);

        // TorchSharp 0.107 requires the version; the build must have made that requirement weak unless the system has it.
        Assert.NotNull(need);
        Assert.True(systemHasIt || need!.IsWeak, $"{path} requires {need} and {libstdcxx} lacks it: the build did not patch it");
        if (systemHasIt)
        {
            Assert.False(need!.IsWeak, $"{path} was patched although {libstdcxx} defines {Needed}: the fix must be a no-op here");
        }
    }
}
