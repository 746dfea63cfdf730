using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class ReportCorrectionState
{
    /// <summary>By the report's original source hash.</summary>
    public Dictionary<string, RegionCorrection> Corrections { get; set; } = new(StringComparer.Ordinal);
}
