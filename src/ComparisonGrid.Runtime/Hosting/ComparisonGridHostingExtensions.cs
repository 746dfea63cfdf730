using System.Text.Json.Serialization.Metadata;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Catalog;
using ComparisonGrid.Runtime.Cluster;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Metrics;
using ComparisonGrid.Runtime.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Hosting;

public static class ComparisonGridHostingExtensions
{
    /// <summary>
    /// Adds the grain runtime: options from the "ComparisonGrid" configuration section (then
    /// <paramref name="configure"/>), the storage provider they name, the silo and its hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddComparisonGrid(this IHostApplicationBuilder builder, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<GrainRuntimeOptions>().Bind(builder.Configuration.GetSection(GrainRuntimeOptions.Section));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        builder.Services.AddSingleton<IGrainStorage>(sp => CreateStorage(sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value));
        builder.Services.AddSingleton<GrainStateSerializer>();
        builder.Services.AddSingleton<IGrainStateReader, GrainStateReader>();
        builder.Services.AddSingleton<RuntimeMetrics>();
        builder.Services.AddSingleton<GrainTypeMap>();
        builder.Services.AddSingleton<GrainActivator>();
        builder.Services.AddSingleton(sp => new Silo(sp.GetRequiredService<GrainTypeMap>(), sp.GetRequiredService<GrainActivator>(),
            sp.GetRequiredService<RuntimeMetrics>(), sp.GetRequiredService<IOptions<GrainRuntimeOptions>>(), sp.GetRequiredService<ILogger<Silo>>(),
            sp.GetService<IRemoteRouter>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Silo>().Factory);
        builder.Services.AddHostedService<SiloHostedService>();
        builder.Services.AddHostedService<MetricsSampler>();
        // A silo with a PostgreSQL store and an address is a cluster member: it registers and heartbeats, serves
        // calls from other silos, and places grains over the active silos.
        var runtime = builder.Configuration.GetSection(GrainRuntimeOptions.Section).Get<GrainRuntimeOptions>() ?? new GrainRuntimeOptions();
        configure?.Invoke(runtime);
        if (!string.IsNullOrWhiteSpace(runtime.PostgresConnectionString) && !string.IsNullOrWhiteSpace(runtime.SiloAddress))
        {
            builder.Services.AddSingleton(sp => MembershipTable.OpenAsync(
                sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.PostgresConnectionString!, CancellationToken.None).GetAwaiter().GetResult());
            builder.Services.AddSingleton<MembershipView>();
            builder.Services.AddSingleton<SiloTls>();
            builder.Services.AddSingleton<ObserverRegistry>();
            builder.Services.AddSingleton<CallCodec>();
            builder.Services.AddSingleton<SiloClient>();
            builder.Services.AddSingleton<ISiloProbe>(sp => sp.GetRequiredService<SiloClient>());
            builder.Services.AddSingleton<IRemoteRouter, ClusterRouter>();
            builder.Services.AddSingleton<RemoteCallHandler>();
            builder.Services.AddSingleton<ILocalDelivery>(sp => sp.GetRequiredService<Silo>());
            builder.Services.AddSingleton<IMembershipDrain>(sp => sp.GetRequiredService<Silo>());
            builder.Services.AddSingleton<ISiloReportSource, SiloReportSource>();
            builder.Services.AddHostedService<SiloServer>();
            builder.Services.AddSingleton<MembershipAgent>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<MembershipAgent>());
        }
        return builder;
    }

    public static IServiceCollection AddGrain<TGrainInterface, TGrain>(this IServiceCollection services)
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return services;
    }

    /// <summary>
    /// Registers a source-generated JSON context that knows grain state types and, for calls between silos,
    /// the parameter and result types of grain methods.
    /// </summary>
    public static IServiceCollection AddGrainJson(this IServiceCollection services, IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(resolver);
        return services;
    }

    // Opening creates or migrates the schema; the host resolves the storage once at start, on the host's thread.
    private static IGrainStorage CreateStorage(GrainRuntimeOptions options) =>
        (string.IsNullOrWhiteSpace(options.PostgresConnectionString) ? options.Storage.ToLowerInvariant() : "postgres") switch
        {
            "memory" => new MemoryGrainStorage(),
            "sqlite" => SqliteGrainStorage.OpenAsync(options.DataDirectory, CancellationToken.None, options.StoreBusyTimeout).GetAwaiter().GetResult(),
            "postgres" => OpenPostgres(options.PostgresConnectionString),
            _ => throw new InvalidOperationException($"unknown storage provider \"{options.Storage}\" (ComparisonGrid:Storage is sqlite, postgres or memory)"),
        };

    private static PostgresGrainStorage OpenPostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ComparisonGrid:Storage is postgres but ComparisonGrid:PostgresConnectionString is not set");
        }
        try
        {
            return PostgresGrainStorage.OpenAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException($"cannot open the PostgreSQL store at {builder.Host}:{builder.Port}/{builder.Database}: {e.Message}", e);
        }
    }
}
