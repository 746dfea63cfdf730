using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.State;

public sealed class ReportState
{
    public Report? Report { get; set; }

    public string? SourceHash { get; set; }

    public string? SourceText { get; set; }

    public int Version { get; set; }

    public DateTimeOffset IngestedAt { get; set; }

    public List<ReportVersion> History { get; set; } = [];
}
