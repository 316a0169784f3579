using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GradCheck.Cli.Tests.Support;

/// <summary>
/// What a JSON report snapshot pins: its structure (every path), verdicts, counts and names, and values of
/// derivatives rounded to three significant digits; one line per entry. Not pinned: the last digits of errors,
/// tolerances, steps and evaluation counts, which move with every refinement of the estimator without changing
/// what the report says, and the numbers inside prose (summaries, methods, warnings), whose words are kept.
/// </summary>
internal static partial class JsonPin
{
    /// <summary>Cost and rounding-level values: pinned as present ("#"), not by value.</summary>
    private static readonly HashSet<string> Masked =
        ["functionEvaluations", "evaluations", "absoluteError", "relativeError", "errorEstimate", "tolerance", "step", "functionNoise", "worstRelativeError", "jump"];

    /// <summary>Sentences whose numbers are masked: their wording and the labels they give are pinned.</summary>
    private static readonly HashSet<string> Prose = ["summary", "method", "diagnosis", "error", "warnings"];

    public static string Pin(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder();
        Walk(document.RootElement, "", "", text);
        return text.ToString();
    }

    private static void Walk(JsonElement element, string path, string key, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when key == "entries[]":
                text.Append(path).Append(": ").AppendLine(Entry(element));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", property.Name, text);
                break;
            case JsonValueKind.Array:
                int i = 0;
                text.Append(path).Append(": ").Append(element.GetArrayLength()).AppendLine(" items");
                foreach (var item in element.EnumerateArray())
                    Walk(item, $"{path}[{i++}]", key + "[]", text);
                break;
            default:
                text.Append(path).Append(" = ").AppendLine(Scalar(element, key.TrimEnd('[', ']')));
                break;
        }
    }

    private static string Entry(JsonElement e) => string.Join(' ',
        e.GetProperty("name").GetString(), e.GetProperty("verdict").GetString(),
        "analytic", Scalar(e.GetProperty("analytic"), "analytic"), "numeric", Scalar(e.GetProperty("numeric"), "numeric"),
        "left", Scalar(e.GetProperty("leftDerivative"), "leftDerivative"), "right", Scalar(e.GetProperty("rightDerivative"), "rightDerivative"));

    private static string Scalar(JsonElement value, string key) => value.ValueKind switch
    {
        JsonValueKind.Number when Masked.Contains(key) => "#",
        JsonValueKind.Number when value.TryGetInt64(out long integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("G3", CultureInfo.InvariantCulture),
        JsonValueKind.String when Prose.Contains(key) => Number().Replace(value.GetString()!, "#"),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>A number standing alone in prose, not an index inside a name such as W1[0,2].</summary>
    [GeneratedRegex(@"(?<![\w\[,.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w\]])")]
    private static partial Regex Number();
}
