using ComparisonGrid.Grains;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Hosting.Cluster;
using ComparisonGrid.Hosting.Postgres;
using ComparisonGrid.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ComparisonGrid.Hosting;

public static class GridHostingExtensions
{
    /// <summary>Orleans' AdoNet storage under the grid's own (<see cref="PostgresGrainStorage"/>), which names its rows.</summary>
    private const string PostgresRows = "grains-rows";

    /// <summary>The ADO.NET provider Orleans' AdoNet packages load for PostgreSQL (membership and state).</summary>
    private const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Makes the host a silo of the grid: options from the "ComparisonGrid" section (then <paramref name="configure"/>),
    /// the grains and their storage, and either a silo of its own on loopback (embedded: SQLite, or PostgreSQL for
    /// state only) or a member of a cluster on PostgreSQL with mutual TLS. The gateway, cgrid, the benchmarks and the
    /// tests all start the grid through this.
    /// </summary>
    /// <param name="silo">What the host adds to its silo of its own (the gateway: Orleans' dashboard, its call figures).</param>
    public static IHostApplicationBuilder AddComparisonGrid(this IHostApplicationBuilder builder, Action<GridOptions>? configure = null, Action<ISiloBuilder>? silo = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(GridOptions.Section);
        var optionsBuilder = builder.Services.AddOptions<GridOptions>().Bind(section);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        // Read now because the shape of the silo (clustering, storage, TLS) depends on it; refused here, before
        // anything starts, when it cannot run.
        var options = ReadOptions(builder, configure);
        var postgres = string.IsNullOrWhiteSpace(options.PostgresConnectionString) ? null : options.PostgresConnectionString;
        if (options.Clustered && postgres is null)
        {
            throw new GridConfigurationException("--silo needs --postgres: the cluster's membership and state live in PostgreSQL");
        }
        var certificates = options.Clustered ? SiloCertificates.Load(options) : null;
        var endpoint = options.Clustered ? SiloEndpoint.Parse(options.SiloAddress!) : null;

        if (postgres is not null)
        {
            // Orleans' AdoNet providers take the data source's connection string, which leaves a password out unless kept.
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { PersistSecurityInfo = true }.ConnectionString));
            // Before Orleans' own hosted service, so a database without the schema stops the start with one line
            // instead of a silo waiting in Joining.
            builder.Services.AddHostedService<PostgresSchemaCheck>();
        }
        if (certificates is not null)
        {
            builder.Services.AddSingleton(certificates);
        }
        var extra = silo;
        builder.UseOrleans(silo =>
        {
            extra?.Invoke(silo);
            if (endpoint is not null && certificates is not null)
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = GridOptions.ServiceId;
                });
                silo.ConfigureEndpoints(endpoint.Address, endpoint.Port, options.GatewayPort, listenOnAnyHostAddress: false);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = postgres;
                });
                silo.UseTls(certificates.Certificate, certificates.Configure);
                // How fast a dead silo is noticed: defaults here (Orleans' own take 10–12 s), tuned from
                // ComparisonGrid:Membership; deploy/README.md explains each.
                silo.Services.AddOptions<ClusterMembershipOptions>().Configure(DefaultMembership).Bind(section.GetSection("Membership"));
            }
            else
            {
                // A silo of its own: loopback, a port nobody else holds, no client gateway (nothing connects from outside).
                silo.UseLocalhostClustering(siloPort: FreePort.Loopback(), gatewayPort: 0, serviceId: GridOptions.ServiceId, clusterId: $"embedded-{Environment.ProcessId}");
            }
            // Operators find a silo by host and process.
            silo.Configure<SiloOptions>(o => o.SiloName = $"{Environment.MachineName}/{Environment.ProcessId}");
            silo.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<GridOptions>>((m, g) => m.ResponseTimeout = g.Value.CallTimeout);
            silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<GridOptions>>((c, g) => c.CollectionAge = g.Value.CollectionAge);
            silo.AddComparisonGridStorage(postgres is not null);
        });
        return builder;
    }

    /// <summary>
    /// The grains' storage on a silo: SQLite in GridOptions.DataDirectory, or PostgreSQL (Orleans' AdoNet storage
    /// under <see cref="PostgresGrainStorage"/>, with an <see cref="NpgsqlDataSource"/> registered by the host).
    /// Apart from <see cref="AddComparisonGrid"/> for silos that others build (Orleans' TestingHost).
    /// </summary>
    public static ISiloBuilder AddComparisonGridStorage(this ISiloBuilder silo, bool postgres = false)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<StateSerializer>();
        silo.Services.AddSingleton<StorageFigures>();
        if (postgres)
        {
            AddPostgresStorage(silo);
        }
        else
        {
            AddSqliteStorage(silo);
        }
        return silo;
    }

    /// <summary>
    /// Makes the host a client of a running cluster (cgrid --cluster): Orleans' client over the cluster's PostgreSQL
    /// membership, connecting to silos that take clients (GridOptions.GatewayPort), with the same mutual TLS as a
    /// silo; no grains run here.
    /// </summary>
    public static IHostApplicationBuilder AddComparisonGridClient(this IHostApplicationBuilder builder, Action<GridOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ReadOptions(builder, configure);
        var postgres = string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? throw new GridConfigurationException("--cluster needs the cluster's PostgreSQL connection string (its membership table says where the silos are)")
            : options.PostgresConnectionString;
        var certificates = SiloCertificates.Load(options);
        builder.Services.AddSingleton(certificates);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = GridOptions.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = postgres;
            });
            client.UseTls(certificates.Certificate, certificates.Configure);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
            // Orleans' client tries to connect for as long as it is let; a command line gives up after 10 s and
            // says why (no silo takes clients, none answers, or every one refused this certificate).
            var giveUpAt = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                if (DateTime.UtcNow >= giveUpAt)
                {
                    return false;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                return true;
            });
        });
        return builder;
    }

    /// <summary>The options as configuration and <paramref name="configure"/> set them, for what decides how the host is built.</summary>
    private static GridOptions ReadOptions(IHostApplicationBuilder builder, Action<GridOptions>? configure)
    {
        var options = builder.Configuration.GetSection(GridOptions.Section).Get<GridOptions>() ?? new GridOptions();
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// Death of a silo noticed in about a second on a local network: probes time out after 1 s and two missed
    /// probes are a suspicion; silos re-read the table every 2 s. Orleans' defaults (5 s, 3 probes, 60 s) suit
    /// clouds with noisy networks better; ComparisonGrid:Membership overrides any of these.
    /// </summary>
    private static void DefaultMembership(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    private static void AddSqliteStorage(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(sp =>
        {
            var grid = sp.GetRequiredService<IOptions<GridOptions>>().Value;
            return SqliteGrainStorage.OpenAsync(grid.DataDirectory, sp.GetRequiredService<StateSerializer>(), sp.GetRequiredService<StorageFigures>(),
                grid.StoreBusyTimeout, CancellationToken.None).GetAwaiter().GetResult();
        });
        silo.Services.AddKeyedSingleton<IGrainStorage>(GridStorage.Name, (sp, _) => sp.GetRequiredService<SqliteGrainStorage>());
        silo.Services.AddSingleton<IGrainStateReader>(sp => sp.GetRequiredService<SqliteGrainStorage>());
    }

    private static void AddPostgresStorage(ISiloBuilder silo)
    {
        silo.AddAdoNetGrainStorage(PostgresRows, o => o.Configure<NpgsqlDataSource, StateSerializer>((a, dataSource, serializer) =>
        {
            a.Invariant = PostgresInvariant;
            a.ConnectionString = dataSource.ConnectionString;
            a.GrainStorageSerializer = serializer;
            // Rows go when a state is cleared, so the catalogs' reads across many grains never meet an empty one.
            a.DeleteStateOnClear = true;
        }));
        silo.Services.AddSingleton(sp => new PostgresGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(PostgresRows), sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StateSerializer>(), sp.GetRequiredService<StorageFigures>(), GridOptions.ServiceId));
        silo.Services.AddKeyedSingleton<IGrainStorage>(GridStorage.Name, (sp, _) => sp.GetRequiredService<PostgresGrainStorage>());
        silo.Services.AddSingleton<IGrainStateReader>(sp => sp.GetRequiredService<PostgresGrainStorage>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PreviousReleaseImport>();
    }
}
