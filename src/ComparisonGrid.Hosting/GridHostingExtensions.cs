using ComparisonGrid.Grains;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ComparisonGrid.Hosting;

public static class GridHostingExtensions
{
    /// <summary>
    /// Makes the host a silo of the grid: options from the "ComparisonGrid" section (then <paramref name="configure"/>),
    /// the grains, their storage and, without a cluster, a silo of its own on loopback. The gateway, cgrid, the
    /// benchmarks and the tests all start the grid through this.
    /// </summary>
    public static IHostApplicationBuilder AddComparisonGrid(this IHostApplicationBuilder builder, Action<GridOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(GridOptions.Section);
        var optionsBuilder = builder.Services.AddOptions<GridOptions>().Bind(section);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        // Read now only to refuse what this build cannot run; everything else takes the options when it is built.
        var options = section.Get<GridOptions>() ?? new GridOptions();
        configure?.Invoke(options);
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString) || !string.IsNullOrWhiteSpace(options.SiloAddress))
        {
            // Said at start rather than ignored: a user who asked for PostgreSQL must not find the data in SQLite.
            throw new GridConfigurationException(
                "PostgreSQL stores and clusters (--postgres, --silo) are not available in this build: the grid moved to Orleans and its " +
                "AdoNet providers are not wired yet (issue 23). Run without them (embedded SQLite in --data-dir), or use the previous release.");
        }

        // The grains' clock is the silo's TimeProvider (Orleans registers the system clock unless a test brings its own).
        builder.Services.AddSingleton<StateSerializer>();
        builder.Services.AddSingleton<StorageFigures>();
        builder.UseOrleans(silo =>
        {
            // A silo of its own: loopback, a port nobody else holds, no client gateway (nothing connects from outside).
            silo.UseLocalhostClustering(siloPort: FreePort.Loopback(), gatewayPort: 0, serviceId: "comparisongrid", clusterId: $"embedded-{Environment.ProcessId}");
            // Operators find a silo by host and process.
            silo.Configure<SiloOptions>(o => o.SiloName = $"{Environment.MachineName}/{Environment.ProcessId}");
            silo.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<GridOptions>>((m, g) => m.ResponseTimeout = g.Value.CallTimeout);
            silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<GridOptions>>((c, g) => c.CollectionAge = g.Value.CollectionAge);
            silo.Services.AddSingleton(sp =>
            {
                var grid = sp.GetRequiredService<IOptions<GridOptions>>().Value;
                return SqliteGrainStorage.OpenAsync(grid.DataDirectory, sp.GetRequiredService<StateSerializer>(), sp.GetRequiredService<StorageFigures>(),
                    grid.StoreBusyTimeout, CancellationToken.None).GetAwaiter().GetResult();
            });
            silo.Services.AddKeyedSingleton<IGrainStorage>(GridStorage.Name, (sp, _) => sp.GetRequiredService<SqliteGrainStorage>());
            silo.Services.AddSingleton<IGrainStateReader>(sp => sp.GetRequiredService<SqliteGrainStorage>());
        });
        return builder;
    }
}
