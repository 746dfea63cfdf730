
namespace ComparisonGrid.Contracts;

/// <summary>
/// Users' corrections of where reports belong, by the source each report was parsed from (its source hash as first
/// ingested: the bytes and span it came from), so re-ingesting the same file finds the correction before the report
/// is stored. Corrections are few, so one instance (key <see cref="Key"/>) holds them all and an ingest's lookup is
/// a read of memory, not an activation per report.
/// </summary>
[Alias("cg.IReportCorrectionGrain")]
public interface IReportCorrectionGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [ReadOnly]
    Task<RegionCorrection?> FindAsync(string sourceHash);

    Task SetAsync(string sourceHash, RegionCorrection correction);

    /// <summary>
    /// Moves a report, one move at a time across the cluster: the old place must still hold the report that was read
    /// (its source hash), the new place takes it unless another source's report is there (or <c>Force</c>), the
    /// correction is written, and the old place is emptied only if it still holds that report.
    /// </summary>
    Task<MoveResult> MoveAsync(ReportMove move);
}
