using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>One region's report for one year. Key: <c>{regionCode}/{year}</c> (see <see cref="ReportKey"/>).</summary>
[Alias("cg.IReportGrain")]
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the report. The same source text again changes nothing; a different text replaces the
    /// report, keeps the old version's hash in the history and notifies the region and the catalogs.
    /// </summary>
    /// <param name="sourceText">The input text the report's offsets point into, from <c>report.Source.Start</c>.</param>
    Task<IngestOutcome> IngestAsync(Report report, string sourceHash, string? sourceText);

    /// <summary>
    /// The arriving half of a user's move: stores the report unless this key holds one of another source (the
    /// original of <paramref name="sourceHash"/>, see <see cref="SourceHashes"/>) and <paramref name="force"/> is off;
    /// then it answers who is here. Checked and written in one turn of the grain, so no ingest or move can slip in between.
    /// </summary>
    Task<MoveResult> MoveInAsync(Report report, string sourceHash, string? sourceText, bool force);

    /// <summary>The leaving half of a move: removes the report only if it is still the one of <paramref name="sourceHash"/>.</summary>
    /// <returns>Whether it was removed; false when another report has been stored here since.</returns>
    Task<bool> RemoveIfAsync(string sourceHash);

    /// <summary>
    /// Deletes the report (moved to another region or year by a correction) and takes it out of its region and
    /// the catalogs, so comparisons that held it update.
    /// </summary>
    Task RemoveAsync();

    /// <param name="withText">Include the source text (sizeable: the whole report as given).</param>
    [ReadOnly]
    Task<StoredReport?> GetAsync(bool withText = false);

    /// <summary>
    /// The report with its source text, for a bulk read (a dataset export): the activation goes once the call is
    /// answered, so reading every report of a store holds a few at a time, not all of them until they idle out.
    /// </summary>
    Task<StoredReport?> ReadOnceAsync();

    /// <summary>
    /// The report held for review here (status <see cref="IngestStatus.Held"/>: its region only guessed while this key
    /// holds a resolved report), or null; version 0, its time the time it was held.
    /// </summary>
    [ReadOnly]
    Task<StoredReport?> GetHeldAsync(bool withText = false);

    /// <summary>Drops the held report if it is still the one of <paramref name="sourceHash"/>.</summary>
    Task<bool> DiscardHeldAsync(string sourceHash);
}
