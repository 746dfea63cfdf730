using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// A user's move of a stored report to another region or year, as the gateway prepared it.
/// </summary>
/// <param name="FromKey">Where the report is stored now.</param>
/// <param name="ExpectedSourceHash">The source hash read there before the move was prepared: the move happens only if it is still there.</param>
/// <param name="Report">The report as it belongs at the new place (region and year corrected).</param>
/// <param name="SourceText">The source text its offsets point into.</param>
/// <param name="Force">Replace a report of another source stored at the new place.</param>
/// <param name="FromHeld">Move the report held for review at the old place, not the stored one.</param>
[GenerateSerializer, Immutable, Alias("cg.ReportMove")]
public sealed record ReportMove(
    string FromKey,
    string ExpectedSourceHash,
    Report Report,
    string? SourceText,
    bool Force,
    DateTimeOffset At,
    bool FromHeld = false);

/// <summary>What a move did: the outcome at the new place, or why nothing moved.</summary>
/// <param name="Refusal"><see cref="MoveRefusal.None"/> when moved; otherwise what stood in the way.</param>
/// <param name="Detail">For a refusal, one line naming what stood in the way.</param>
[GenerateSerializer, Immutable, Alias("cg.MoveResult")]
public sealed record MoveResult(IngestOutcome? Outcome, MoveRefusal Refusal, string? Detail);

/// <summary>Why a move did not happen.</summary>
[GenerateSerializer, Alias("cg.MoveRefusal")]
public enum MoveRefusal
{
    None = 0,

    /// <summary>No report is stored at the old place (never was, or moved meanwhile).</summary>
    NotFound = 1,

    /// <summary>The report at the old place is not the one read when the move was asked for.</summary>
    Changed = 2,

    /// <summary>The new place holds a report of another source, and the move was not forced.</summary>
    Occupied = 3,
}
