namespace ComparisonGrid.Analysis.Splitting;

/// <summary>
/// One report's part of a normalised input. <see cref="Text"/> is the span [Start, End) with page-chrome
/// lines blanked to spaces, so a position in it plus <see cref="Start"/> is a position in the whole input.
/// </summary>
public sealed record ReportSegment(int Start, int End, string Text, int ChromeLines);
