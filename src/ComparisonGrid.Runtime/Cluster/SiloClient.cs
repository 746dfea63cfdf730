using System.Buffers;
using System.Net;
using System.Text.Json;
using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// The calling side of silo-to-silo calls: one HTTP/2 connection pool (cleartext, prior knowledge) to every
/// silo. A call that finds its grain moved, or its silo gone, reads membership again and goes where the grain
/// belongs now; a silo that does not answer is tried once more after that, then the caller gets a
/// <see cref="SiloUnavailableException"/> to retry later.
/// </summary>
internal sealed class SiloClient : IDisposable
{
    private const int MaxAttempts = 6;
    private readonly HttpClient _http;
    private readonly Silo _silo;
    private readonly ClusterView _view;
    private readonly CallCodec _codec;
    private readonly string _self;
    private readonly TimeSpan _timeout;

    public SiloClient(Silo silo, ClusterView view, CallCodec codec, string selfAddress, TimeSpan callTimeout)
    {
        _silo = silo;
        _view = view;
        _codec = codec;
        _self = selfAddress;
        _timeout = callTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task CallAsync(string address, GrainType type, GrainId id, IWorkItem item)
    {
        ReadOnlyMemory<byte> body;
        try
        {
            body = EncodeCall(type, id, item);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            item.Fail(new ArgumentException($"{item.Method.Name} on {id}: the arguments cannot be sent to another silo: {e.Message}", e));
            return;
        }
        string? unreachable = null;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, failure) = await SendAsync(address, "/silo/v1/call", body, item, id).ConfigureAwait(false);
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
            await _view.RefreshAsync().ConfigureAwait(false);
            if (_view.RemoteOwner(id) is not { } owner)
            {
                _silo.DeliverLocal(type, id, item);
                return;
            }
            address = owner.Address;
        }
    }

    /// <summary>Calls an observer that lives on another silo.</summary>
    public async Task NotifyAsync(string address, string observerId, MethodDispatcher method, object?[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", observerId);
            writer.WriteString("method", method.Name);
            writer.WritePropertyName("args");
            _codec.WriteArguments(writer, method, arguments, _self);
            writer.WriteEndObject();
        }
        var item = method.CreateItem(arguments, null);
        var (outcome, failure) = await SendAsync(address, "/silo/v1/observer", buffer.WrittenMemory, item, new GrainId("observer", observerId)).ConfigureAwait(false);
        if (outcome != Outcome.Done)
        {
            item.Fail(new SiloUnavailableException($"the observer's silo at {address} is gone ({failure})"));
        }
        await item.Task.ConfigureAwait(false);
    }

    private ReadOnlyMemory<byte> EncodeCall(GrainType type, GrainId id, IWorkItem item)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("type", type.Name);
        writer.WriteString("key", id.Key);
        writer.WriteString("method", item.Method.Name);
        writer.WriteStartArray("chain");
        for (var c = item.Chain; c is not null; c = c.Tail)
        {
            writer.WriteStringValue(c.Head.Type);
            writer.WriteStringValue(c.Head.Key);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("args");
        _codec.WriteArguments(writer, item.Method, item.Arguments, _self);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }

    private async Task<(Outcome Outcome, string? Failure)> SendAsync(string address, string path, ReadOnlyMemory<byte> body, IWorkItem item, GrainId id)
    {
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address + path))
            {
                Content = new ReadOnlyMemoryContent(body),
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // Kestrel refusing requests while its host stops: the silo is going away.
                return (Outcome.Unreachable, $"HTTP {(int)response.StatusCode}");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var answer = await JsonDocument.ParseAsync(stream, cancellationToken: timeout.Token).ConfigureAwait(false);
            var root = answer.RootElement;
            if (root.TryGetProperty("result", out var result))
            {
                item.Complete(_codec.ReadResult(result, item.Method));
                return (Outcome.Done, null);
            }
            if (root.TryGetProperty("error", out var error))
            {
                var exception = CallCodec.ReadError(error, $"{id} at {address}");
                if (exception is SiloUnavailableException)
                {
                    return (Outcome.Moved, "moved");
                }
                item.Fail(exception);
                return (Outcome.Done, null);
            }
            return (Outcome.Moved, "moved");
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
        catch (JsonException e)
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
