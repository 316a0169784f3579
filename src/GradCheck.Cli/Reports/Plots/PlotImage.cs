using GradCheck.Cli.Running;

namespace GradCheck.Cli.Reports.Plots;

/// <summary>A rendered plot: the PNG, the file name it is written under, and the words shown with it.</summary>
internal sealed record PlotImage(string FileName, string Title, string Caption, byte[] Png);

/// <summary>The plots of one case, in display order.</summary>
internal sealed record CasePlots(CaseOutcome Case, IReadOnlyList<PlotImage> Images);
