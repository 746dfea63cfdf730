using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// Bounds the ingests this gateway parses at once, by number (parsing is CPU) and by the bytes of their bodies
/// (parsing holds about four times its body at the peak, so memory follows the bytes in flight, see
/// docs/benchmarks.md). A body is counted only once it has arrived, so a slow upload holds nothing others wait for;
/// what a client may have arriving at once is bounded per client instead (<see cref="EnterClient"/>). Requests beyond
/// the bounds wait in arrival order; beyond the queue they get 429 with Retry-After.
/// </summary>
public sealed class IngestGate(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentIngests, options.Value.MaxConcurrentIngests);
    private readonly long _byteBudget = Math.Max(1, options.Value.MaxIngestBytesInFlight);
    private readonly Lock _lock = new();
    private readonly LinkedList<BytesWaiter> _bytesQueue = new();
    private readonly Dictionary<string, (int Turns, long Arriving)> _byClient = new(StringComparer.Ordinal);
    private long _bytesInFlight;
    private int _waiting;

    /// <summary>
    /// One ingest of <paramref name="client"/> from its first byte to its answer, holding its declared body bytes
    /// against the client's share of bodies still arriving (<see cref="GatewayOptions.MaxIngestBytesArrivingPerClient"/>;
    /// a body larger than the share goes alone) and one of its <see cref="GatewayOptions.MaxConcurrentIngestsPerClient"/>
    /// turns; beyond either, 429. This bounds what one client can have arriving (and in memory) before the parsing
    /// budget counts it.
    /// </summary>
    /// <param name="declaredBytes">The body's declared length; the request limit when it declares none.</param>
    public IDisposable EnterClient(string client, long declaredBytes)
    {
        var gateway = options.Value;
        var most = Math.Max(1, gateway.MaxConcurrentIngestsPerClient);
        var share = Math.Max(1, gateway.MaxIngestBytesArrivingPerClient);
        var bytes = Math.Clamp(declaredBytes, 0, share);
        lock (_lock)
        {
            var (turns, arriving) = _byClient.GetValueOrDefault(client);
            if (turns >= most)
            {
                throw new TooManyRequestsException($"this client already has {most} ingests in progress (MaxConcurrentIngestsPerClient); send the next when one is answered", retryAfterSeconds: 2);
            }
            if (turns > 0 && arriving + bytes > share)
            {
                throw new TooManyRequestsException(FormattableString.Invariant(
                    $"this client's ingests in progress declare {arriving / 1024.0 / 1024.0:0.#} MB; with this one they would pass {share / 1024.0 / 1024.0:0.#} MB (MaxIngestBytesArrivingPerClient); send it when one is answered"),
                    retryAfterSeconds: 2);
            }
            _byClient[client] = (turns + 1, arriving + bytes);
        }
        return new ClientTurn(this, client, bytes);
    }

    /// <summary>Ingests being parsed or waiting for a slot.</summary>
    public int Pending => Volatile.Read(ref _waiting);

    /// <summary>Bytes of the bodies being parsed, as declared.</summary>
    public long BytesInFlight
    {
        get
        {
            lock (_lock)
            {
                return _bytesInFlight;
            }
        }
    }

    /// <param name="bodyBytes">The bytes of the body, which has arrived.</param>
    public async Task<IDisposable> EnterAsync(long bodyBytes, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > options.Value.MaxConcurrentIngests + options.Value.IngestQueue)
        {
            Interlocked.Decrement(ref _waiting);
            throw new TooManyRequestsException(
                $"the gateway is parsing {options.Value.MaxConcurrentIngests} ingests and {options.Value.IngestQueue} more wait; try again shortly", retryAfterSeconds: 2);
        }
        // A body larger than the budget still goes in, alone.
        var bytes = Math.Clamp(bodyBytes, 0, _byteBudget);
        var tookBytes = false;
        try
        {
            await TakeBytesAsync(bytes, cancellationToken).ConfigureAwait(false);
            tookBytes = true;
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (tookBytes)
            {
                ReleaseBytes(bytes);
            }
            Interlocked.Decrement(ref _waiting);
            throw;
        }
        return new Slot(this, bytes);
    }

    public void Dispose() => _slots.Dispose();

    private async Task TakeBytesAsync(long bytes, CancellationToken cancellationToken)
    {
        BytesWaiter waiter;
        lock (_lock)
        {
            // Arrival order: a large body waiting is not overtaken for ever by small ones.
            if (_bytesQueue.Count == 0 && Fits(bytes))
            {
                _bytesInFlight += bytes;
                return;
            }
            waiter = new BytesWaiter(bytes);
            waiter.Node = _bytesQueue.AddLast(waiter);
        }
        await using (cancellationToken.Register(() => Cancel(waiter)).ConfigureAwait(false))
        {
            await waiter.Ready.Task.ConfigureAwait(false);
        }
    }

    private bool Fits(long bytes) => _bytesInFlight == 0 || _bytesInFlight + bytes <= _byteBudget;

    private void Cancel(BytesWaiter waiter)
    {
        List<BytesWaiter> admitted;
        lock (_lock)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }
            _bytesQueue.Remove(waiter.Node);
            admitted = AdmitLocked();
        }
        waiter.Ready.TrySetCanceled();
        admitted.ForEach(w => w.Ready.TrySetResult());
    }

    private void ReleaseBytes(long bytes)
    {
        List<BytesWaiter> admitted;
        lock (_lock)
        {
            _bytesInFlight -= bytes;
            admitted = AdmitLocked();
        }
        admitted.ForEach(w => w.Ready.TrySetResult());
    }

    /// <summary>Takes the waiters at the head of the queue whose bytes now fit.</summary>
    private List<BytesWaiter> AdmitLocked()
    {
        var admitted = new List<BytesWaiter>();
        while (_bytesQueue.First is { } first && Fits(first.Value.Bytes))
        {
            _bytesQueue.RemoveFirst();
            _bytesInFlight += first.Value.Bytes;
            admitted.Add(first.Value);
        }
        return admitted;
    }

    private sealed class BytesWaiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public LinkedListNode<BytesWaiter>? Node { get; set; }

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ClientTurn(IngestGate gate, string client, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            lock (gate._lock)
            {
                var (turns, arriving) = gate._byClient[client];
                if (turns == 1)
                {
                    gate._byClient.Remove(client);
                }
                else
                {
                    gate._byClient[client] = (turns - 1, arriving - bytes);
                }
            }
        }
    }

    private sealed class Slot(IngestGate gate, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                gate.ReleaseBytes(bytes);
                Interlocked.Decrement(ref gate._waiting);
            }
        }
    }
}
