using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Cluster;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Hosting;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Two silos in this process, clustered through the PostgreSQL given: a grain call on the caller's silo, the same
/// call to a grain on the other silo, and a bare HTTP/2 round trip of the same size through Kestrel and
/// SocketsHttpHandler, in the same run, with 1 and 64 callers.
/// </summary>
public sealed class SiloBenchmark(TextWriter stdout)
{
    // About the size of the protobuf envelope of a PingAsync call (type, key, method name, one JSON argument).
    private static readonly byte[] PingSizedBody = new byte[48];

    // About the size of its answer (one JSON number in a result field).
    private static readonly byte[] PingSizedAnswer = new byte[4];

    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var postgres = cl.Value("--postgres") ?? throw new BenchUsageException(
            "bench silos needs --postgres CONNECTION (e.g. the server of deploy/local-cluster.sh: \"Host=127.0.0.1;Port=7400;Username=postgres\")");
        var seconds = cl.Number("--seconds") ?? 5;
        postgres = await FreshDatabaseAsync(postgres, cancellationToken).ConfigureAwait(false);
        var certificates = Directory.CreateTempSubdirectory("cgrid-bench-certs").FullName;
        var authority = ClusterCertificates.CreateAuthority(certificates);
        using var a = await StartSiloAsync(postgres, certificates, authority, cancellationToken).ConfigureAwait(false);
        using var b = await StartSiloAsync(postgres, certificates, authority, cancellationToken).ConfigureAwait(false);
        var view = a.Services.GetRequiredService<MembershipView>();
        var addresses = new[] { a, b }.Select(h => h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GrainRuntimeOptions>>().Value.SiloAddress).ToHashSet();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (view.Active.Count(s => addresses.Contains(s.Address)) < 2)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the two silos did not see each other within 30 s");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        // The floor pays for TLS as the silos do: the same certificate, a handshake per connection, encrypted frames.
        var echoFiles = ClusterCertificates.IssueSilo(certificates, "echo", authority);
        using var echoCertificate = X509Certificate2.CreateFromPemFile(echoFiles.Certificate, echoFiles.Key);
        await using var echo = await StartEchoAsync(echoCertificate, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = { RemoteCertificateValidationCallback = (_, peer, _, _) => peer?.GetCertHashString() == echoCertificate.GetCertHashString() },
        });
        var grains = a.Services.GetRequiredService<IGrainFactory>();
        var keys = Enumerable.Range(0, 100_000).Select(i => $"b{i}");
        var local = keys.Where(k => view.RemoteOwner(new GrainId("bench", k)) is null).Take(64).ToArray();
        var remote = keys.Where(k => view.RemoteOwner(new GrainId("bench", k)) is not null).Take(64).ToArray();
        var echoUrl = new Uri($"{echo.Urls.First()}/echo");

        await stdout.WriteLineAsync($"{Environment.ProcessorCount} cores, {seconds} s per measurement").ConfigureAwait(false);
        foreach (var callers in new[] { 1, 64 })
        {
            var raw = await MeasureAsync(callers, seconds, _ => async n =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, echoUrl)
                {
                    Content = new ByteArrayContent(PingSizedBody),
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            await Print($"raw HTTP/2 round trip, {callers} callers", raw).ConfigureAwait(false);
            var cross = await MeasureAsync(callers, seconds, i => n => grains.GetGrain<IBenchGrain>(remote[i]).PingAsync((int)n), cancellationToken).ConfigureAwait(false);
            await Print($"cross-silo grain call, {callers} callers", cross).ConfigureAwait(false);
            var same = await MeasureAsync(callers, seconds, i => n => grains.GetGrain<IBenchGrain>(local[i]).PingAsync((int)n), cancellationToken).ConfigureAwait(false);
            await Print($"local grain call,      {callers} callers", same).ConfigureAwait(false);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  cross-silo / raw HTTP/2: {raw.PerSecond / cross.PerSecond:0.0}x the time per call (throughput), p99 {cross.P99 / raw.P99:0.0}x")).ConfigureAwait(false);
        }
        await a.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await b.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>A database of the bench's own, so silos of a running cluster on the same server take no part.</summary>
    private static async Task<string> FreshDatabaseAsync(string postgres, CancellationToken cancellationToken)
    {
        var name = $"cgrid_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var connection = new Npgsql.NpgsqlConnection(postgres))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
    }

    private static async Task<IHost> StartSiloAsync(string postgres, string certificates, (string Certificate, string Key) authority, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var (certificate, key) = ClusterCertificates.IssueSilo(certificates, $"silo-{port}", authority);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.AddComparisonGrid(o =>
        {
            o.PostgresConnectionString = postgres;
            o.SiloAddress = $"https://127.0.0.1:{port}";
            o.SiloCertificatePath = certificate;
            o.SiloKeyPath = key;
            o.ClusterAuthorityPath = authority.Certificate;
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
        });
        builder.Services.AddGrain<IBenchGrain, BenchGrain>();
        builder.Services.AddGrainJson(BenchJson.Default);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>The floor: Kestrel on an HTTP/2-only TLS port answering a body of the size a grain call sends.</summary>
    private static async Task<WebApplication> StartEchoAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var port = FreePort();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            l.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.Urls.Add($"https://127.0.0.1:{port}");
        app.Run(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.WriteAsync(PingSizedAnswer, http.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(double PerSecond, TimeSpan P50, TimeSpan P99)> MeasureAsync(
        int callers, double seconds, Func<int, Func<long, Task>> callerFactory, CancellationToken cancellationToken)
    {
        var (perSecond, latency) = await LoadLoop.MeasureAsync([.. Enumerable.Range(0, callers).Select(callerFactory)], seconds, cancellationToken).ConfigureAwait(false);
        return (perSecond, latency.Quantile(0.5), latency.Quantile(0.99));
    }

    private Task Print(string label, (double PerSecond, TimeSpan P50, TimeSpan P99) m) =>
        stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {m.PerSecond:N0} calls/s, p50 {m.P50.TotalMicroseconds:0} µs, p99 {m.P99.TotalMicroseconds:0} µs"));
}

/// <summary>The bench grain's argument and result, for calls between silos.</summary>
[JsonSerializable(typeof(int))]
internal sealed partial class BenchJson : JsonSerializerContext;
