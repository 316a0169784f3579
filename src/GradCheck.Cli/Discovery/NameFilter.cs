using System.Text.RegularExpressions;

namespace GradCheck.Cli.Discovery;

/// <summary>Case-insensitive globs (<c>*</c>: any text, <c>?</c>: one character) matched against whole case names.</summary>
internal sealed class NameFilter
{
    private readonly Regex[] _patterns;

    public NameFilter(IEnumerable<string> globs)
    {
        _patterns = globs.Where(g => !string.IsNullOrWhiteSpace(g)).Select(ToRegex).ToArray();
    }

    /// <summary>True when there are no globs, or any glob matches.</summary>
    public bool Matches(string name) => _patterns.Length == 0 || _patterns.Any(p => p.IsMatch(name));

    private static Regex ToRegex(string glob) =>
        new("^" + Regex.Escape(glob.Trim()).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
