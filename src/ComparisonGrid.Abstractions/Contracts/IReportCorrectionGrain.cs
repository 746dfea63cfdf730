using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

/// <summary>
/// A user's correction of one source's region and year. Key: the report's source hash as first ingested (the
/// bytes and span it came from), so re-ingesting the same file finds the correction before choosing where to store.
/// </summary>
public interface IReportCorrectionGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<RegionCorrection?> GetAsync();

    Task SetAsync(RegionCorrection correction);
}
