namespace GradCheck.Cli.Reports.Json;

// The JSON report's schema, as explicit DTOs: renaming a C# member of the core must not silently change the file
// format. Documented field by field in docs/report-schema.md; bump SchemaVersion on any breaking change.

internal sealed record ReportDocument(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    string Command,
    RunOptionsDto Options,
    string Reproduce,
    bool Passed,
    int ExitCode,
    SummaryDto Summary,
    IReadOnlyList<CaseDto> Cases)
{
    public const int CurrentSchemaVersion = 1;
}

internal sealed record RunOptionsDto(string? Assembly, IReadOnlyList<string> Filters, string Mode, string EffectiveMode, int? Seed, IReadOnlyList<string> Formats);

internal sealed record SummaryDto(int Cases, int Passed, int Failed, int Errors, int Inconclusive, int ExpectedFailures, int Unexpected, int FunctionEvaluations);

internal sealed record CaseDto(
    string Name,
    string? Description,
    string Source,
    bool ExpectFailure,
    string Outcome,
    bool AsExpected,
    string? Error,
    int FunctionEvaluations,
    IReadOnlyList<GroupDto> Groups);

internal sealed record GroupDto(
    string Name,
    IReadOnlyList<int> Shape,
    bool Passed,
    string Outcome,
    string Summary,
    string? Diagnosis,
    string? ElementType,
    string Method,
    int? Seed,
    int? Dimension,
    double? FunctionValue,
    double? FunctionNoise,
    int FunctionEvaluations,
    CountsDto? Counts,
    double? WorstRelativeError,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<EntryDto> Entries,
    string Kind,
    IReadOnlyList<ContractFailureDto> ContractFailures,
    IReadOnlyList<DirectionFailureDto> DirectionFailures,
    TaylorDto? Taylor,
    DescentDto? Descent,
    string? Text);

internal sealed record ContractFailureDto(string Contract, string Verdict, double Observed, double Required, double AbsoluteError, double Tolerance);

internal sealed record DirectionFailureDto(
    int Direction, string Name, string Verdict, double Analytic, double Numeric, double AbsoluteError, double ErrorEstimate, double Tolerance, int Evaluations);

internal sealed record TaylorDto(
    double DirectionalDerivative,
    double RequiredOrder,
    double ConvergenceOrder,
    IReadOnlyList<double> ObservedOrders,
    double UndetectableError,
    string Conclusion,
    IReadOnlyList<TaylorRowDto> Rows);

internal sealed record TaylorRowDto(double Step, double FirstOrderRemainder, double SecondOrderRemainder, double NoiseFloor, bool Resolved, double? Order);

internal sealed record DescentDto(bool LossDecreased, double LimitRatio, double RatioTolerance, string Conclusion, IReadOnlyList<DescentRowDto> Rows);

internal sealed record DescentRowDto(double StepSize, double LossChange, double PredictedChange, double Ratio, double RatioNoise);

internal sealed record CountsDto(int Checked, int Ok, int Mismatch, int NonDifferentiable, int NonFinite, int Inconclusive);

internal sealed record EntryDto(
    int Index,
    string Name,
    string Verdict,
    double Analytic,
    double Numeric,
    double AbsoluteError,
    double RelativeError,
    double ErrorEstimate,
    double Tolerance,
    double Step,
    int Evaluations,
    double? LeftDerivative,
    double? RightDerivative,
    bool Inconclusive);
