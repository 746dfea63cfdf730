using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// The reports of one year (key: the year), with their facts, by province and level, so a comparison
/// finds its members without scanning. Comparisons with subscribers watch it for changes; any comparison asks its
/// revision to know whether what it computed before still holds.
/// </summary>
[Alias("cg.IYearCatalogGrain")]
public interface IYearCatalogGrain : IGrainWithStringKey
{
    Task UpsertAsync(ReportFacts facts);

    /// <summary>Takes a region's report out of the year (it moved); watchers are told.</summary>
    Task RemoveAsync(string regionCode);

    [ReadOnly]
    Task<IReadOnlyList<ReportFacts>> MembersAsync(RegionLevel? level, string? provinceCode);

    /// <summary>
    /// Grows with every change of the members, also across activations and silos (the activation's epoch, stored,
    /// in the high half; the changes since in the low half): equal revisions mean equal members.
    /// </summary>
    [ReadOnly]
    Task<long> RevisionAsync();

    [OneWay]
    Task WatchAsync(string comparisonKey);

    [OneWay]
    Task UnwatchAsync(string comparisonKey);
}
