using System.IO.Pipelines;
using System.Net;
using System.Security.Authentication;
using System.Text.Json;
using ComparisonGrid.Runtime.Cluster.Wire;
using ComparisonGrid.Runtime.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// The receiving side of silo-to-silo calls: a Kestrel endpoint of its own, HTTP/2 over mutual TLS, on the silo
/// address, apart from any public gateway port. A connection without a certificate from the cluster authority
/// fails its handshake, so nothing reaches the handler but members. A call for a grain this silo does not own
/// (membership moved on) is answered "moved", and the caller goes where it belongs.
/// </summary>
internal sealed class SiloServer(RemoteCallHandler handler, SiloTls tls, IOptions<GrainRuntimeOptions> options) : IHostedService, IAsyncDisposable
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
            k.Listen(ip, address.Port, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                l.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = tls.Certificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (peer, _, _) => tls.IsMember(peer),
                    SslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
                });
            });
            // The same bound as the gateway's request limit: a member cannot send more than a client could.
            k.Limits.MaxRequestBodySize = options.Value.MaxCallBytes;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (path == SiloRoutes.Probe)
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (!HttpMethods.IsPost(http.Request.Method) || path is not (SiloRoutes.Call or SiloRoutes.Observer))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var reader = http.Request.BodyReader;
        // The whole body, examined but not consumed until the answer is made, so it is parsed in place.
        var body = await reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
        while (!body.IsCompleted)
        {
            reader.AdvanceTo(body.Buffer.Start, body.Buffer.End);
            body = await reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
        }
        byte[] answer;
        try
        {
            answer = path == SiloRoutes.Call
                ? await handler.HandleCallAsync(body.Buffer).ConfigureAwait(false)
                : await handler.HandleNotificationAsync(body.Buffer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            answer = CallCodec.EncodeError(new ArgumentException($"unreadable call: {e.Message}"));
        }
        finally
        {
            reader.AdvanceTo(body.Buffer.End);
        }
        http.Response.ContentType = SiloRoutes.ContentType;
        await http.Response.Body.WriteAsync(answer, http.RequestAborted).ConfigureAwait(false);
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
