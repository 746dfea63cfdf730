using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains.Storage;

/// <summary>A grain state as stored: its grain type, its state name, and the class it holds.</summary>
public sealed record StoredState(string GrainType, string StateName, Type StateType);

/// <summary>
/// Every state the grains persist, for the code that moves stored states between stores without activating a grain
/// (importing a previous release's store). A test checks it against the grains' [PersistentState] parameters.
/// </summary>
public static class StoredStates
{
    public static IReadOnlyList<StoredState> All { get; } =
    [
        new(ReportGrain.GrainTypeName, "report", typeof(ReportState)),
        new(ReportGrain.GrainTypeName, ReportGrain.FactsState, typeof(ReportFactsState)),
        new(ReportGrain.GrainTypeName, ReportGrain.HeldState, typeof(HeldReportState)),
        new(ReportCorrectionGrain.GrainTypeName, "corrections", typeof(ReportCorrectionState)),
        new(RegionCatalogGrain.GrainTypeName, "region-catalog", typeof(RegionCatalogState)),
        new(YearCatalogGrain.GrainTypeName, "year-catalog", typeof(YearCatalogState)),
        new(JobGrain.GrainTypeName, "job", typeof(JobState)),
        new(JobIndexGrain.GrainTypeName, "job-index", typeof(JobIndexState)),
        new(JobResultGrain.GrainTypeName, "job-result", typeof(JobResultState)),
    ];
}
