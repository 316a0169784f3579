using System.Text.Json.Serialization;

namespace GradCheck.Cli.Reports.Json;

/// <summary>
/// Source-generated serialization of the report (no reflection, trimming-safe). NaN and infinities are written as
/// the strings "NaN", "Infinity" and "-Infinity": a non-finite analytic value is exactly what a report must show.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReportDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
