using System.Text.Json;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Runtime;

/// <summary>The silo's snapshot, history included, as the JSON other silos' operator views read from the membership store.</summary>
internal sealed class SiloReportSource(Silo silo) : ISiloReportSource
{
    public string Report() => JsonSerializer.Serialize(silo.Snapshot(), RuntimeJson.Conventions.RuntimeSnapshot);
}
