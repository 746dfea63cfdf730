using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class ReportCorrectionState
{
    public RegionCorrection? Correction { get; set; }
}
