namespace ComparisonGrid.Runtime.Membership;

/// <summary>What a silo publishes beside its heartbeat for other silos' operator views: its figures, as JSON.</summary>
public interface ISiloReportSource
{
    string Report();
}
