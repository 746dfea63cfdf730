namespace ComparisonGrid.Analysis.Targets;

/// <summary>An indicator as reports write it (地区生产总值) and the ids it takes per metric (growth → gdp_growth).</summary>
public sealed record IndicatorFamily(string Name, IReadOnlyDictionary<string, string> IdsByMetric)
{
    public string? IdFor(string metric) => IdsByMetric.GetValueOrDefault(metric);
}
