using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.State;

/// <summary>
/// A report that was not stored because its region was only guessed while the key holds a resolved one: kept beside
/// it for a user to move, confirm or discard. The latest such report only.
/// </summary>
public sealed class HeldReportState
{
    public Report? Report { get; set; }

    public string? SourceHash { get; set; }

    public string? SourceText { get; set; }

    public DateTimeOffset HeldAt { get; set; }
}
