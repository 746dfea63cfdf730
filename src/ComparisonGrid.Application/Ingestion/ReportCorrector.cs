using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// Moves a stored report to the region and year a user gives: the report is read and corrected here (the parser's
/// work), and the move is carried out by the corrections grain, which checks that nothing changed meanwhile. The
/// correction is kept under the source's identity, so every later re-ingest of the same file lands in the same place.
/// </summary>
public sealed class ReportCorrector(ReportPipeline pipeline, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>The first work report of the People's Republic was delivered in 1954; the bound above catches typos.</summary>
    private const int MinYear = 1949;
    private const int MaxYear = 2100;

    /// <summary>The outcome at the new place, or null when no report is stored at the old one.</summary>
    /// <param name="force">Replace a report of another source stored at the new place; without it such a move is refused.</param>
    /// <param name="held">Move the report held for review at the old place (its region only guessed), not the stored one.</param>
    /// <exception cref="ArgumentException">The region is not a known division, or the year is out of range.</exception>
    /// <exception cref="MoveConflictException">
    /// Another source's report is stored at the new place and <paramref name="force"/> is off, or the report changed
    /// or moved while the move was prepared.
    /// </exception>
    public async Task<IngestOutcome?> MoveAsync(string regionCode, int year, string toRegion, int? toYear, bool force = false, bool held = false)
    {
        var fromKey = ReportKey.For(regionCode, year);
        var from = grains.Report(regionCode, year);
        if (await (held ? from.GetHeldAsync(withText: true) : from.GetAsync(withText: true)).ConfigureAwait(false) is not { } stored)
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
        // The move itself runs in the corrections grain, one at a time, against the report as read here.
        var moved = await grains.Corrections()
            .MoveAsync(new ReportMove(fromKey, stored.SourceHash, report, stored.SourceText, force, clock.GetUtcNow(), held)).ConfigureAwait(false);
        return moved.Refusal switch
        {
            MoveRefusal.None => moved.Outcome,
            MoveRefusal.NotFound => null,
            _ => throw new MoveConflictException(moved.Detail ?? moved.Refusal.ToString()),
        };
    }
}
