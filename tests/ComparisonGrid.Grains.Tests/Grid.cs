using ComparisonGrid.Analysis;
using ComparisonGrid.Cli;
using ComparisonGrid.Core;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Grains.Tests;

/// <summary>The CLI's in-process silo on a fresh SQLite data directory, and helpers to ingest through the CLI command.</summary>
public sealed class Grid : IAsyncDisposable
{
    private static readonly ReportPipeline Pipeline = new();
    private readonly IHost _host;
    private readonly bool _ownsDirectory;

    private Grid(IHost host, string dataDirectory, bool ownsDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public string DataDirectory { get; }

    public IGrainFactory Grains { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="clock">The grains' clock; a test that must control when coalesced work runs passes a fake one.</param>
    /// <param name="postgres">A PostgreSQL connection string: state goes there instead of SQLite in the data directory.</param>
    public static async Task<Grid> StartAsync(string? dataDirectory = null, TimeProvider? clock = null, string? postgres = null)
    {
        var dir = dataDirectory ?? Directory.CreateTempSubdirectory("cgrid-grains-").FullName;
        var host = await GridHost.StartAsync(dir, default, clock is null ? null : s => s.AddSingleton(clock), postgres);
        return new Grid(host, dir, dataDirectory is null);
    }

    public static string Samples => Repository.Samples;

    public static string Fixture(string name) => Fixtures.Path(name);

    /// <summary>Runs <c>cgrid ingest</c> on the paths; returns exit code, stdout and stderr.</summary>
    public async Task<(int Code, string Out, string Err)> IngestAsync(params string[] paths)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var cl = CommandLine.Parse(paths, new HashSet<string>(), new HashSet<string> { "--data-dir" });
        var code = await new IngestCommand(Pipeline, Grains, stdout, stderr).RunAsync(cl, default);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
