using ComparisonGrid.Application;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Security;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Live;

/// <summary>
/// Server-sent events for a comparison: the current result first, then one event per new version (event id =
/// version, so Last-Event-ID resumes: a client that has seen the current version gets only later ones), with
/// heartbeat comments so proxies keep the connection open. Open streams are capped, in all and per client, so one
/// client cannot hold every stream.
/// </summary>
public sealed class ComparisonStreams(IGrainFactory grains, SerializedComparisons serialized, IOptions<GatewayOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public async Task<IResult> StreamAsync(HttpContext http, ComparisonSpec spec)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(spec);
        var client = ClientIdentity.Of(http);
        if (_perClient.AddOrUpdate(client, 1, static (_, n) => n + 1) > options.Value.MaxSseConnectionsPerClient)
        {
            Release(client);
            return Problems.Status(StatusCodes.Status429TooManyRequests,
                $"this client holds its maximum of {options.Value.MaxSseConnectionsPerClient} live streams; close one first");
        }
        if (Interlocked.Increment(ref _open) > options.Value.MaxSseConnections)
        {
            Interlocked.Decrement(ref _open);
            Release(client);
            return Problems.Status(StatusCodes.Status429TooManyRequests,
                $"the gateway holds its maximum of {options.Value.MaxSseConnections} live streams; try again later");
        }
        try
        {
            await RunAsync(http, spec).ConfigureAwait(false);
            return Results.Empty;
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            Release(client);
        }
    }

    // A client's count goes when it reaches 0, so the table holds current clients only.
    private void Release(string client)
    {
        while (_perClient.TryGetValue(client, out var n))
        {
            if (n <= 1 ? _perClient.TryRemove(new KeyValuePair<string, int>(client, n)) : _perClient.TryUpdate(client, n - 1, n))
            {
                return;
            }
        }
    }

    private async Task RunAsync(HttpContext http, ComparisonSpec spec)
    {
        var ct = http.RequestAborted;
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var observer = new Observer();
        // The grain calls this object through a reference the runtime holds weakly; the stream keeps the object alive.
        var reference = grains.CreateObjectReference<IComparisonObserver>(observer);
        var grain = grains.Comparison(spec);
        // Subscribe before reading the current result, so a version published in between is not lost.
        await grain.SubscribeAsync(reference).ConfigureAwait(false);
        try
        {
            var last = long.TryParse(http.Request.Headers["Last-Event-ID"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
            last = await SendIfNewerAsync(response, await grain.GetAsync().ConfigureAwait(false), last, ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                heartbeat.CancelAfter(options.Value.SseHeartbeat);
                try
                {
                    var next = await observer.Updates.Reader.ReadAsync(heartbeat.Token).ConfigureAwait(false);
                    last = await SendIfNewerAsync(response, next, last, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await response.WriteAsync(": heartbeat\n\n", ct).ConfigureAwait(false);
                    last = await ResubscribeAsync(grain, reference, response, last, ct).ConfigureAwait(false);
                }
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await grain.UnsubscribeAsync(reference).ConfigureAwait(false);
            grains.DeleteObjectReference<IComparisonObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    /// <summary>
    /// In a quiet moment, subscribes again (a no-op while subscribed) and catches up: the comparison may have
    /// moved to another silo, or restarted after its silo died, and forgotten its subscribers.
    /// </summary>
    private async Task<long> ResubscribeAsync(IComparisonGrain grain, IComparisonObserver observer, HttpResponse response, long last, CancellationToken ct)
    {
        try
        {
            await grain.SubscribeAsync(observer).ConfigureAwait(false);
            return await SendIfNewerAsync(response, await grain.GetAsync().ConfigureAwait(false), last, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (GridFaults.IsTransient(e))
        {
            // The cluster is changing or the store is down: the next heartbeat tries again.
            return last;
        }
    }

    private async Task<long> SendIfNewerAsync(HttpResponse response, ComparisonResult result, long last, CancellationToken ct)
    {
        if (result.Version <= last)
        {
            return last;
        }
        // Every stream of this comparison sends the same bytes, serialised once for the version.
        await response.WriteAsync($"id: {result.Version}\nevent: comparison\ndata: ", ct).ConfigureAwait(false);
        await response.Body.WriteAsync(serialized.Of(result).Json, ct).ConfigureAwait(false);
        await response.WriteAsync("\n\n", ct).ConfigureAwait(false);
        return result.Version;
    }

    private sealed class Observer : IComparisonObserver
    {
        // Each event is the whole result, so a slow client needs only the newest: older ones are dropped
        // instead of piling up in memory.
        public Channel<ComparisonResult> Updates { get; } =
            Channel.CreateBounded<ComparisonResult>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

        public Task OnComparisonUpdatedAsync(ComparisonResult result) => Updates.Writer.WriteAsync(result).AsTask();
    }
}
