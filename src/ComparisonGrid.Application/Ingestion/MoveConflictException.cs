namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// A move that did not happen because of what is stored: another source's report at the region and year it names,
/// or a report at the old place that changed or moved since it was read. Answered 409.
/// </summary>
public sealed class MoveConflictException(string message) : Exception(message);
