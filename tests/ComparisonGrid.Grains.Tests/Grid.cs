using ComparisonGrid.Analysis;
using ComparisonGrid.Cli;
using ComparisonGrid.Core;
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

    public static async Task<Grid> StartAsync(string? dataDirectory = null)
    {
        var dir = dataDirectory ?? Directory.CreateTempSubdirectory("cgrid-grains-").FullName;
        return new Grid(await GridHost.StartAsync(dir, default), dir, dataDirectory is null);
    }

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

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

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ComparisonGrid.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("ComparisonGrid.sln not found above the test directory");
        }
    }
}
