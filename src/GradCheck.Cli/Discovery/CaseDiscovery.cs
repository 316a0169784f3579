using System.Reflection;

namespace GradCheck.Cli.Discovery;

/// <summary>
/// Finds public static methods marked [GradientCheckCase] and calls them to get their cases. A method that is
/// declared wrongly or throws becomes a case with an error, reported like a failure, rather than stopping the run.
/// </summary>
internal static class CaseDiscovery
{
    public static IReadOnlyList<DiscoveredCase> Discover(Assembly assembly)
    {
        var found = new List<DiscoveredCase>();
        foreach (var type in LoadableTypes(assembly).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            // Declaration order (metadata token) keeps the report in the order the author wrote the cases.
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(IsCase)
                .OrderBy(m => m.MetadataToken);
            foreach (var method in methods) found.AddRange(FromMethod(method));
        }
        return found;
    }

    private static IEnumerable<DiscoveredCase> FromMethod(MethodInfo method)
    {
        var attribute = method.GetCustomAttribute<GradientCheckCaseAttribute>()!;
        string source = $"{method.DeclaringType!.FullName}.{method.Name}";
        string fallbackName = attribute.Name ?? method.Name;
        DiscoveredCase Error(string message) => new(fallbackName, attribute.Description, attribute.ExpectFailure, source, null, message);

        if (!method.IsStatic || !method.IsPublic || method.GetParameters().Length > 0 || method.ContainsGenericParameters)
            return [Error($"{source} must be public, static, non-generic and take no parameters to be a [GradientCheckCase].")];
        if (method.ReturnType != typeof(CheckCase) && !typeof(IEnumerable<CheckCase>).IsAssignableFrom(method.ReturnType))
            return [Error($"{source} must return CheckCase or IEnumerable<CheckCase>, not {method.ReturnType.Name}.")];

        List<CheckCase> cases;
        try
        {
            cases = method.Invoke(null, null) switch
            {
                CheckCase single => [single],
                IEnumerable<CheckCase> many => many.ToList(),
                _ => [],
            };
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return [Error($"{source} threw {e.InnerException.GetType().Name}: {e.InnerException.Message}")];
        }
        if (cases.Count == 0) return [Error($"{source} returned no cases.")];

        return cases.Select(c => new DiscoveredCase(
            Name: attribute.Name is null ? c.Name : cases.Count == 1 ? attribute.Name : $"{attribute.Name}/{c.Name}",
            attribute.Description, attribute.ExpectFailure, source, c));
    }

    private static bool IsCase(MethodInfo method)
    {
        try
        {
            return method.IsDefined(typeof(GradientCheckCaseAttribute), inherit: false);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            // Another attribute on the method (say a test framework's) needs an assembly that is not there: not ours.
            return false;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Types whose dependencies are missing cannot hold runnable cases anyway; keep the rest.
            return e.Types.OfType<Type>();
        }
    }
}
