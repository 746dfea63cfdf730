namespace ComparisonGrid.Application.Ingestion;

/// <summary>A move would replace another source's report stored at the region and year it names.</summary>
public sealed class OccupiedKeyException(string message) : Exception(message);
