namespace ComparisonGrid.Hosting;

/// <summary>How a process joins the grid, bound from the configuration section "ComparisonGrid" (gateway, cgrid, tests).</summary>
public sealed class GridOptions
{
    public const string Section = "ComparisonGrid";

    /// <summary>Where the embedded SQLite store keeps its file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A PostgreSQL connection string: state (and, with <see cref="SiloAddress"/>, membership) go there instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Where this silo takes calls from other silos of a cluster (with <see cref="PostgresConnectionString"/>).</summary>
    public string? SiloAddress { get; set; }

    /// <summary>How long an SQLite statement waits for a lock held by another connection before the store counts as unavailable.</summary>
    public TimeSpan StoreBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a grain call waits for its answer.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation unused for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
