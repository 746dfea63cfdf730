using ComparisonGrid.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Cli;

/// <summary>The in-process silo a CLI command talks to: grains on the embedded SQLite store in the data directory.</summary>
internal static class GridHost
{
    public const string DefaultDataDirectory = "data";

    /// <param name="services">Services registered before the grains' own (a test's clock, say).</param>
    /// <param name="postgres">A PostgreSQL connection string: the grains' state goes there instead of SQLite.</param>
    public static async Task<IHost> StartAsync(string dataDirectory, CancellationToken cancellationToken, Action<IServiceCollection>? services = null,
        string? postgres = null)
    {
        var builder = CommandHost();
        // Orleans' own warnings are about the runtime, not the command: server GC advised at every start (the CLI runs on
        // workstation GC on purpose), and a grain turn over a second while a bulk ingest keeps both cores parsing.
        // What fails a command reaches it as an exception and is said in one line.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.AddComparisonGrid(o =>
        {
            o.DataDirectory = dataDirectory;
            o.PostgresConnectionString = postgres;
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// A host for one command: stdout carries the command's output (JSON, CSV); logs go to stderr and only when
    /// something is wrong; no start and stop messages.
    /// </summary>
    private static HostApplicationBuilder CommandHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        return builder;
    }

    /// <summary>A client of a running cluster (--cluster): the commands call its grains; nothing runs or is stored here.</summary>
    public static async Task<IHost> ConnectAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        var builder = CommandHost();
        // A client that cannot reach a gateway logs each try, and the host its failure; the one-line error below says it once.
        builder.Logging.AddFilter("Orleans", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.AddComparisonGridClient(o =>
        {
            o.PostgresConnectionString = cl.Value("--cluster");
            o.SiloCertificatePath = cl.Value("--silo-certificate");
            o.SiloKeyPath = cl.Value("--silo-key");
            o.ClusterAuthorityPath = cl.Value("--cluster-authority");
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not GridConfigurationException)
        {
            host.Dispose();
            throw new ClusterUnreachableException($"cannot reach the cluster: {e.Message}");
        }
        return host;
    }
}
