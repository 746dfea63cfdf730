namespace ComparisonGrid.Gateway.Operations;

public sealed record HealthView(string Status, string? Detail = null);
