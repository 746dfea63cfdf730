using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>One region's report for one year. Key: <c>{regionCode}/{year}</c> (see <see cref="ReportKey"/>).</summary>
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the report. The same source text again changes nothing; a different text replaces the
    /// report, keeps the old version's hash in the history and notifies the region and the catalogs.
    /// </summary>
    Task<IngestOutcome> IngestAsync(Report report, string sourceHash);

    [ReadOnly]
    Task<StoredReport?> GetAsync();
}
