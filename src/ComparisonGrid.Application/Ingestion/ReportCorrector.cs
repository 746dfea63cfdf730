using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// Moves a stored report to the region and year a user gives. The correction is written first, under the source's
/// identity, so a retry after a crash and every later re-ingest of the same file land in the same place.
/// </summary>
public sealed class ReportCorrector(ReportPipeline pipeline, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>The first work report of the People's Republic was delivered in 1954; the bound above catches typos.</summary>
    private const int MinYear = 1949;
    private const int MaxYear = 2100;

    /// <summary>The outcome at the new place, or null when no report is stored at the old one.</summary>
    /// <param name="force">Replace a report of another source stored at the new place; without it such a move is refused.</param>
    /// <exception cref="ArgumentException">The region is not a known division, or the year is out of range.</exception>
    /// <exception cref="OccupiedKeyException">Another source's report is stored at the new place and <paramref name="force"/> is off.</exception>
    public async Task<IngestOutcome?> MoveAsync(string regionCode, int year, string toRegion, int? toYear, bool force = false)
    {
        var from = grains.Report(regionCode, year);
        if (await from.GetAsync(withText: true).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }
        var targetYear = toYear ?? year;
        if (targetYear is < MinYear or > MaxYear)
        {
            throw new ArgumentException($"year {targetYear} is outside {MinYear}–{MaxYear}");
        }
        var report = pipeline.Corrected(stored.Report, toRegion, targetYear)
            ?? throw new ArgumentException($"'{toRegion}' is not a known region: give a six-digit code (230200) or a full name (齐齐哈尔市)");
        var original = OriginalHash(stored.SourceHash);
        if ((report.Region!.Code != regionCode || targetYear != year) && !force
            && await grains.Report(report.Region.Code, targetYear).GetAsync().ConfigureAwait(false) is { } occupant
            && OriginalHash(occupant.SourceHash) != original)
        {
            throw new OccupiedKeyException(FormattableString.Invariant(
                $"{occupant.Report.Region?.Name} {report.Region.Code} {targetYear} holds another report (from {occupant.Report.Source.Input}, version {occupant.Version}); move or remove that one first, or send \"force\": true to replace it"));
        }
        await grains.Corrections()
            .SetAsync(original, new RegionCorrection(report.Region!.Code, targetYear, clock.GetUtcNow())).ConfigureAwait(false);
        var outcome = await grains.Report(report.Region.Code, targetYear)
            .IngestAsync(report, CorrectedHash(original, report.Region.Code, targetYear), stored.SourceText).ConfigureAwait(false);
        if (report.Region.Code != regionCode || targetYear != year)
        {
            await from.RemoveAsync().ConfigureAwait(false);
        }
        return outcome;
    }

    /// <summary>A corrected report's source hash: the original's with the place it was moved to.</summary>
    public static string CorrectedHash(string originalHash, string regionCode, int year) =>
        FormattableString.Invariant($"{originalHash}#moved:{regionCode}/{year}");

    public static string OriginalHash(string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        var hash = sourceHash.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? sourceHash : sourceHash[..hash];
    }
}
