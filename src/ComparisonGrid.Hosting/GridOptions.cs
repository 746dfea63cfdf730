namespace ComparisonGrid.Hosting;

/// <summary>How a process joins the grid, bound from the configuration section "ComparisonGrid" (gateway, cgrid, tests).</summary>
public sealed class GridOptions
{
    public const string Section = "ComparisonGrid";

    /// <summary>Orleans' service id: the name stored state is kept under, the same for every cluster of this product.</summary>
    public const string ServiceId = "comparisongrid";

    /// <summary>Where the embedded SQLite store keeps its file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A PostgreSQL connection string: state (and, with <see cref="SiloAddress"/>, membership) go there instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// Where this silo takes calls from the other silos of a cluster, "host:port" (with <see cref="PostgresConnectionString"/>).
    /// The silo binds this address only.
    /// </summary>
    public string? SiloAddress { get; set; }

    /// <summary>The port on <see cref="SiloAddress"/>'s host where clients (<c>cgrid --cluster</c>) connect; 0: none.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The cluster a silo joins; silos of one database with different ids do not see each other.</summary>
    public string ClusterId { get; set; } = "comparisongrid";

    /// <summary>PEM files for mutual TLS between the processes of a cluster: this process's certificate, its key, and the authority that issued every member's.</summary>
    public string? SiloCertificatePath { get; set; }

    public string? SiloKeyPath { get; set; }

    public string? ClusterAuthorityPath { get; set; }

    /// <summary>How long an SQLite statement waits for a lock held by another connection before the store counts as unavailable.</summary>
    public TimeSpan StoreBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a grain call waits for its answer.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation unused for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>True when this process is a member of a cluster on PostgreSQL rather than a silo of its own.</summary>
    public bool Clustered => !string.IsNullOrWhiteSpace(SiloAddress);
}
