using System.Buffers;
using System.Net;
using System.Text.Json;
using ComparisonGrid.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// The receiving side of silo-to-silo calls: a Kestrel endpoint of its own that speaks only HTTP/2 (cleartext
/// HTTP/2 needs an HTTP/2-only endpoint), on the silo address, apart from any public gateway port. A call for a
/// grain this silo does not own (membership moved on) is answered "moved", and the caller goes where it belongs.
/// </summary>
internal sealed class SiloServer(Silo silo, IOptions<GrainRuntimeOptions> options) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = new Uri(options.Value.SiloAddress ?? throw new InvalidOperationException("a clustered silo needs ComparisonGrid:SiloAddress"));
        // The empty builder reads no configuration or environment, so the gateway's own URLs never leak in here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            var ip = address.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(address.Host);
            k.Listen(ip, address.Port, l => l.Protocols = HttpProtocols.Http2);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            k.Limits.Http2.MaxStreamsPerConnection = 1024;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (!HttpMethods.IsPost(http.Request.Method) || path is not ("/silo/v1/call" or "/silo/v1/observer"))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            try
            {
                using var request = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
                if (path == "/silo/v1/call")
                {
                    await silo.ReceiveCallAsync(request.RootElement, writer).ConfigureAwait(false);
                }
                else
                {
                    await silo.ReceiveNotificationAsync(request.RootElement, writer).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException)
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                writer.WriteStartObject();
                CallCodec.WriteError(writer, new ArgumentException($"unreadable call: {e.Message}"));
                writer.WriteEndObject();
            }
        }
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
