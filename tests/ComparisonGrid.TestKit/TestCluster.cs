using ComparisonGrid.Runtime.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.TestKit;

/// <summary>
/// Several silos in this process against one PostgreSQL database of their own, each with its own HTTP/2 port,
/// as Orleans' TestingHost runs a cluster in a test: start N, add one, stop one.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Action<IServiceCollection> _grains;
    private readonly string _certificates = Path.Combine(Path.GetTempPath(), $"cgrid-certs-{Guid.NewGuid():N}");
    private readonly (string Certificate, string Key) _authority;

    private TestCluster(string connectionString, Action<IServiceCollection> grains)
    {
        _connectionString = connectionString;
        _grains = grains;
        _authority = ClusterCertificates.CreateAuthority(_certificates);
    }

    /// <summary>The cluster authority's certificate and key, for a test that issues a certificate of its own.</summary>
    public (string Certificate, string Key) Authority => _authority;

    public List<TestSilo> Silos { get; } = [];

    public static async Task<TestCluster> StartAsync(PostgresServer server, int silos, Action<IServiceCollection> grains)
    {
        ArgumentNullException.ThrowIfNull(server);
        var database = $"c_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(server.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cluster = new TestCluster(server.ConnectionString(database), grains);
        for (var i = 0; i < silos; i++)
        {
            await cluster.AddSiloAsync();
        }
        return cluster;
    }

    /// <summary>Starts a silo and waits until every silo sees it active, so placement agrees everywhere.</summary>
    public async Task<TestSilo> AddSiloAsync()
    {
        var silo = await StartSiloAsync(_authority);
        Silos.Add(silo);
        await ConvergedAsync();
        return silo;
    }

    /// <summary>
    /// A silo against this cluster's database that holds a certificate from <paramref name="authority"/> and trusts
    /// that authority alone; not added to <see cref="Silos"/>.
    /// </summary>
    public Task<TestSilo> StartSiloAsync((string Certificate, string Key) authority)
    {
        var port = Ports.Free();
        var (certificate, key) = ClusterCertificates.IssueSilo(_certificates, $"silo-{port}", authority);
        return TestSilo.StartAsync(_grains, o =>
        {
            o.Storage = "postgres";
            o.PostgresConnectionString = _connectionString;
            o.SiloAddress = $"https://127.0.0.1:{port}";
            o.SiloCertificatePath = certificate;
            o.SiloKeyPath = key;
            o.ClusterAuthorityPath = authority.Certificate;
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.DeathTimeout = TimeSpan.FromSeconds(2);
            o.SweepInterval = TimeSpan.FromMilliseconds(100);
            o.CallTimeout = TimeSpan.FromSeconds(10);
        });
    }

    /// <summary>Stops a silo gracefully (its grains are written and move) and waits until the others see it gone.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Silos.Remove(silo);
        await silo.DisposeAsync();
        await ConvergedAsync();
    }

    public Task ConvergedAsync() => Eventually.Holds(
        () => Silos.All(s => s.View!.Active.Count == Silos.Count && s.View.Active.All(a => Silos.Any(o => o.Options.SiloAddress == a.Address))),
        $"every silo sees the same {Silos.Count} active silos");

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
        Directory.Delete(_certificates, recursive: true);
    }
}
