namespace ComparisonGrid.Gateway;

/// <summary>The gateway's settings, from the "ComparisonGrid" configuration section (appsettings, environment, command line).</summary>
public sealed class GatewayOptions
{
    /// <summary>Keys accepted in X-Api-Key. When empty, one is generated at first start and kept in the data directory.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>A file with keys accepted in X-Api-Key, one per line (keeps the key out of the process list).</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>Reads are open unless this is set.</summary>
    public bool RequireKeyForReads { get; set; }

    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Writes (ingest, jobs) per client per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;

    public int MaxSseConnections { get; set; } = 2000;

    public TimeSpan SseHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Load the bundled sample reports at first start, when the store is empty.</summary>
    public bool LoadSamples { get; set; } = true;

    public string SamplesDirectory { get; set; } = "samples";
}
