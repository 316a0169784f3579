using System.Reflection;
using System.Runtime.Loader;

namespace GradCheck.Cli.Discovery;

/// <summary>
/// Loads a user's assembly with its own dependencies (resolved from its .deps.json, like a plugin), but shares
/// the GradCheck core with the tool: the attribute and CheckCase types must be the tool's own for discovery to
/// recognise them.
/// </summary>
internal sealed class UserAssemblyLoadContext : AssemblyLoadContext
{
    private static readonly string SharedAssembly = typeof(CheckCase).Assembly.GetName().Name!;
    private readonly AssemblyDependencyResolver _resolver;

    private UserAssemblyLoadContext(string assemblyPath) : base($"gradcheck: {Path.GetFileName(assemblyPath)}")
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    /// <summary>Loads the assembly at <paramref name="assemblyPath"/> (a full path) into a new context.</summary>
    public static Assembly Load(string assemblyPath) =>
        new UserAssemblyLoadContext(assemblyPath).LoadFromAssemblyPath(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == SharedAssembly) return null;   // null: the default context, i.e. the tool's copy
        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
