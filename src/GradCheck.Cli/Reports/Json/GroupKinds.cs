namespace GradCheck.Cli.Reports.Json;

/// <summary>The <c>kind</c> of a JSON group: which fields describe its report (docs/report-schema.md).</summary>
internal static class GroupKinds
{
    /// <summary>A gradient report (gradient, Jacobian, Hessian, model tensor): counts and entries.</summary>
    public const string Entries = "entries";

    /// <summary>A Taylor test: the <c>taylor</c> object.</summary>
    public const string Taylor = "taylor";

    /// <summary>A descent check: the <c>descent</c> object.</summary>
    public const string Descent = "descent";

    /// <summary>Any other report (e.g. a TorchSharp check): its full text in <c>text</c>.</summary>
    public const string Other = "other";
}
