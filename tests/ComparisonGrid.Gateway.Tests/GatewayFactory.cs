using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>The gateway in-process on a fresh data directory with the samples loaded and a known API key.</summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-key";
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;

    public GatewayFactory(params (string Key, string Value)[] settings)
        : this(null, settings)
    {
    }

    /// <param name="dataDirectory">An existing data directory to start on (kept afterwards), or null for a fresh one.</param>
    public GatewayFactory(string? dataDirectory, params (string Key, string Value)[] settings)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("cgrid-gateway-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ComparisonGrid:DataDirectory"] = DataDirectory,
            ["ComparisonGrid:ApiKeys:0"] = Key,
            ["ComparisonGrid:SamplesDirectory"] = Path.Combine(RepositoryRoot, "samples"),
        };
        foreach (var (k, v) in settings)
        {
            _settings[k] = v;
        }
    }

    public string DataDirectory { get; }

    public static string Fixture(string name) => Fixtures.Path(name);

    public static string RepositoryRoot => Repository.Root;

    /// <summary>A client for a started gateway that has finished loading the samples.</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        for (var i = 0; i < 200; i++)
        {
            if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
            {
                return client;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the gateway never became ready");
    }

    public HttpClient WriterClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing handle; the temp folder is cleaned by the system.
            }
        }
    }
}
