using ComparisonGrid.Analysis;

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

    /// <summary>
    /// Client connections held at once. Lowered at start, with a warning naming both numbers, to what the process's
    /// open-file limit leaves after 1,024 handles for the store and the silo.
    /// </summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Connections one client address may hold at once; more from it are closed as they are accepted.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 512;

    /// <summary>How long a client may take to send a request's headers; past it the connection ends (408).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A report longer than this is refused with an error naming where it starts (see ParseOptions).</summary>
    public int MaxReportCharacters { get; set; } = ParseOptions.DefaultMaxReportCharacters;

    /// <summary>How this gateway parses what it ingests: the one place its settings become parse options.</summary>
    public ParseOptions Parsing => ParseOptions.Default with { MaxReportCharacters = MaxReportCharacters };

    /// <summary>Writes (ingest, jobs) per client per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Requests with a wrong API key per client address per minute; beyond it 429.</summary>
    public int FailedKeyAttemptsPerMinute { get; set; } = 30;

    public int MaxSseConnections { get; set; } = 2000;

    /// <summary>Live streams one client (key identity, or address without a key) may hold at once.</summary>
    public int MaxSseConnectionsPerClient { get; set; } = 50;

    /// <summary>Ingest requests parsed at once on this gateway; more wait in a queue of <see cref="IngestQueue"/>, beyond it 429.</summary>
    public int MaxConcurrentIngests { get; set; } = Math.Max(2, Environment.ProcessorCount);

    public int IngestQueue { get; set; } = 16;

    /// <summary>
    /// Body bytes parsed at once on this gateway: parsing holds about four times its body, so this bounds the memory
    /// ingests take. A body counts once it has arrived; bodies beyond it wait their turn; one larger than it is parsed alone.
    /// </summary>
    public long MaxIngestBytesInFlight { get; set; } = 64L * 1024 * 1024;

    /// <summary>Ingests one client (API key) may have in progress at once, bodies still arriving included; beyond it 429.</summary>
    public int MaxConcurrentIngestsPerClient { get; set; } = 16;

    /// <summary>
    /// Declared body bytes one client may have in progress at once (arriving, waiting or being parsed); beyond it 429.
    /// Bodies are held in memory once they arrive, before the parsing budget counts them, so this bounds that memory
    /// per key; a single body larger than it goes alone.
    /// </summary>
    public long MaxIngestBytesArrivingPerClient { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// How long an ingest may take to arrive and be admitted to parsing; past it the request ends with 408, so a
    /// trickling upload cannot hold its client's turn (or a connection) for ever.
    /// </summary>
    public TimeSpan IngestDeadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Bytes the comparisons this gateway keeps in memory may take together (their objects, JSON and exports,
    /// estimated); past it the largest are dropped first. 0, the default, takes an eighth of the memory the process
    /// sees (a container's limit, a heap hard limit, or the machine's).
    /// </summary>
    public long MaxCachedComparisonBytes { get; set; }

    /// <summary>Exports (CSV, zip) built at once; each is built once per comparison version and kept with it.</summary>
    public int MaxConcurrentExports { get; set; } = 2;

    /// <summary>How long an export waits for its turn before the answer is 503 with Retry-After.</summary>
    public TimeSpan ExportWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bytes of API answers a client without a key may receive per minute (a panel of 50,000 rows costs what it
    /// weighs, a one-year comparison little); a client past it gets 429 with Retry-After until it has earned the
    /// answer back. Key holders are not counted. 0 turns the limit off.
    /// </summary>
    public long AnonymousReadBytesPerMinute { get; set; } = 256L * 1024 * 1024;

    /// <summary>API reads a client without a key may have in progress at once; beyond it 429.</summary>
    public int MaxConcurrentAnonymousReads { get; set; } = 8;

    /// <summary>/api/cluster shows host names, PIDs and addresses only to key holders (always so when RequireKeyForReads is set).</summary>
    public bool ProtectOperations { get; set; } = true;

    /// <summary>Orleans' own dashboard at /dashboard (behind the API key when <see cref="ProtectOperations"/> is on). It profiles every grain call.</summary>
    public bool OrleansDashboard { get; set; } = true;

    /// <summary>Where metrics are also pushed over OTLP (e.g. http://collector:4317); /metrics serves them either way.</summary>
    public string? OtlpEndpoint { get; set; }

    public TimeSpan SseHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Load the bundled sample reports at first start, when the store is empty.</summary>
    public bool LoadSamples { get; set; } = true;

    public string SamplesDirectory { get; set; } = "samples";

    /// <summary>
    /// Load every year's catalog at start, before /readyz says ready, so the first comparison across years is computed
    /// from memory; off, each catalog loads when first asked (less memory, a slow first query).
    /// </summary>
    public bool WarmCatalogs { get; set; } = true;

    /// <summary>Server folders bulk jobs may ingest from (ingestFolder is relative to one); empty, the default, refuses folder jobs.</summary>
    public List<string> IngestRoots { get; set; } = [];

    /// <summary>Finished jobs and their results are kept this long, then pruned.</summary>
    public TimeSpan JobRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tries a job gets, across store outages and restarts, before it is marked failed.</summary>
    public int MaxJobAttempts { get; set; } = 5;

    /// <summary>Jobs waiting on one gateway; beyond it a submission gets 429.</summary>
    public int MaxQueuedJobs { get; set; } = 100;

    /// <summary>Comparisons one job may ask for.</summary>
    public int MaxJobComparisons { get; set; } = 1000;

    /// <summary>
    /// Bytes of results (as the JSON they are served in) one job may store: the count of comparisons bounds nothing
    /// when each is a county panel of tens of megabytes. A job that would pass it fails, naming the limit.
    /// </summary>
    public long MaxJobResultBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long a runner holds a job without reporting progress before another runner may take it over.</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a gateway looks for queued jobs, jobs whose runner died, and jobs to prune.</summary>
    public TimeSpan JobScanInterval { get; set; } = TimeSpan.FromSeconds(30);
}
