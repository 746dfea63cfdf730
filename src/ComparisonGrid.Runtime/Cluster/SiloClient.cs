using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Cluster.Wire;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Messaging;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// The calling side of silo-to-silo calls: one HTTP/2 connection pool (mutual TLS with this silo's certificate)
/// to every silo. A call that finds its grain moved, or its silo gone, reads membership again and goes where the grain
/// belongs now; a silo that does not answer is tried once more after that, then the caller gets a
/// <see cref="SiloUnavailableException"/> to retry later.
/// </summary>
internal sealed class SiloClient : ISiloProbe, IDisposable
{
    private const int MaxAttempts = 6;
    private static readonly MediaTypeHeaderValue ContentType = new(SiloRoutes.ContentType);
    private readonly HttpClient _http;
    private readonly MembershipView _view;
    private readonly CallCodec _codec;
    private readonly string _self;
    private readonly TimeSpan _timeout;

    public SiloClient(MembershipView view, CallCodec codec, SiloTls tls, IOptions<GrainRuntimeOptions> options)
    {
        _view = view;
        _codec = codec;
        _self = options.Value.SiloAddress ?? throw new InvalidOperationException("a clustered silo needs ComparisonGrid:SiloAddress");
        _timeout = options.Value.CallTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = tls.ClientOptions(),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Sends a call to the silo at <paramref name="address"/>; one that turns out to belong here goes to <paramref name="local"/>.</summary>
    public async Task CallAsync(string address, GrainType type, GrainId id, IWorkItem item, ILocalDelivery local)
    {
        byte[] body;
        try
        {
            body = _codec.EncodeCall(type, id, item, _self);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            item.Fail(new ArgumentException($"{item.Method.Name} on {id}: the arguments cannot be sent to another silo: {e.Message}", e));
            return;
        }
        string? unreachable = null;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, failure) = await SendAsync(address, SiloRoutes.Call, body, item, id).ConfigureAwait(false);
            if (outcome == Outcome.Done)
            {
                return;
            }
            // The same silo not answering twice is down: membership will say so once it has been declared dead.
            if (attempt == MaxAttempts || (outcome == Outcome.Unreachable && unreachable == address))
            {
                item.Fail(new SiloUnavailableException(outcome == Outcome.Unreachable
                    ? $"{item.Method.Name} on {id}: the silo at {address} does not answer ({failure}); try again once membership has caught up"
                    : $"{item.Method.Name} on {id}: the grain is moving between silos; try again"));
                return;
            }
            if (outcome == Outcome.Unreachable)
            {
                unreachable = address;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25 << attempt)).ConfigureAwait(false);
            await _view.RefreshAsync(evenIfFresh: outcome == Outcome.Unreachable).ConfigureAwait(false);
            if (_view.RemoteOwner(id) is not { } owner)
            {
                local.Deliver(type, id, item);
                return;
            }
            address = owner.Address;
        }
    }

    /// <summary>Calls an observer that lives on another silo.</summary>
    public async Task NotifyAsync(string address, string observerId, MethodDispatcher method, object?[] arguments)
    {
        var body = _codec.EncodeNotification(observerId, method, arguments, _self);
        var item = method.CreateItem(arguments, null);
        var (outcome, failure) = await SendAsync(address, SiloRoutes.Observer, body, item, new GrainId("observer", observerId)).ConfigureAwait(false);
        if (outcome != Outcome.Done)
        {
            item.Fail(new SiloUnavailableException($"the observer's silo at {address} is gone ({failure})"));
        }
        await item.Task.ConfigureAwait(false);
    }

    public async Task<string?> ProbeAsync(string address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address + SiloRoutes.Probe))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The innermost message names the cause: a certificate not accepted, a connection refused, a timeout.
            var inner = e;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }
            return inner.Message;
        }
    }

    private async Task<(Outcome Outcome, string? Failure)> SendAsync(string address, string path, byte[] body, IWorkItem item, GrainId id)
    {
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address + path))
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = ContentType } },
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // Kestrel refusing requests while its host stops: the silo is going away.
                return (Outcome.Unreachable, $"HTTP {(int)response.StatusCode}");
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var answer = _codec.DecodeAnswer(new ReadOnlySequence<byte>(bytes), item.Method, $"{id} at {address}");
            switch (answer.Outcome)
            {
                case RemoteOutcome.Result:
                    item.Complete(answer.Result);
                    return (Outcome.Done, null);
                case RemoteOutcome.Error:
                    item.Fail(answer.Error!);
                    return (Outcome.Done, null);
                default:
                    return (Outcome.Moved, "moved");
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            item.Fail(new GrainCallTimeoutException(
                $"{item.Method.Name} on {id} got no answer from {address} within {_timeout.TotalSeconds:0.###} s"));
            return (Outcome.Done, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (Outcome.Unreachable, e.InnerException?.Message ?? e.Message);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            item.Fail(new InvalidOperationException($"{item.Method.Name} on {id}: {address} answered with something unreadable: {e.Message}", e));
            return (Outcome.Done, null);
        }
    }

    public void Dispose() => _http.Dispose();

    private enum Outcome
    {
        Done,
        Moved,
        Unreachable,
    }
}
