namespace ComparisonGrid.Runtime.Configuration;

/// <summary>Settings of the grain runtime, bound from the configuration section "ComparisonGrid".</summary>
public sealed class GrainRuntimeOptions
{
    public const string Section = "ComparisonGrid";

    /// <summary>Where the embedded SQLite store keeps its file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>"sqlite" (default, embedded), "postgres" (clusters) or "memory" (tests).</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>A PostgreSQL connection string; setting it alone switches the storage to PostgreSQL.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>How long an SQLite statement waits for a lock held by another connection before the store counts as unavailable.</summary>
    public TimeSpan StoreBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller waits for an answer before the call fails with a timeout.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The URL other silos call this one on (HTTP/2 over mutual TLS, apart from the gateway's port), e.g.
    /// https://127.0.0.1:11111. With a PostgreSQL store it makes the silo a cluster member.
    /// </summary>
    public string? SiloAddress { get; set; }

    /// <summary>This silo's certificate (PEM), issued by the cluster's authority; shown to the silos it calls and that call it.</summary>
    public string? SiloCertificatePath { get; set; }

    /// <summary>The private key of <see cref="SiloCertificatePath"/> (PEM, readable by this silo's user only).</summary>
    public string? SiloKeyPath { get; set; }

    /// <summary>The cluster's certificate authority (PEM): a peer is a member only with a certificate it issued.</summary>
    public string? ClusterAuthorityPath { get; set; }

    /// <summary>The largest call another silo may send; the gateway sets it to its own request limit.</summary>
    public long MaxCallBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The public gateway URL that runs with this silo, recorded in the membership table for operators.</summary>
    public string? GatewayAddress { get; set; }

    /// <summary>How often a clustered silo writes its heartbeat and looks for silos that stopped writing theirs.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose heartbeat is older than this is suspected by the others.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Distinct suspecters needed to declare a silo dead (fewer when fewer silos are alive to vote).</summary>
    public int VotesToDeclareDead { get; set; } = 2;

    /// <summary>An activation unused for this long is deactivated (its state written first).</summary>
    public TimeSpan IdleAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations and overdue calls are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most live activations; beyond it the least recently used idle ones are deactivated.</summary>
    public int MaxActivations { get; set; } = 100_000;

    /// <summary>How long shutdown waits for running calls before deactivating anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
