using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// Anonymous API reads cost what their answers weigh: each client address has a budget of bytes a minute, refilled
/// continuously, and an answer is charged once it is known. A client in debt gets 429 with the seconds until it is
/// out of it, so distinct county panels cannot be asked for as fast as a one-year comparison. Reads in progress are
/// bounded per address too, as one client's concurrent reads would all pass a budget that is charged afterwards.
/// </summary>
public sealed class ReadCosts(IOptions<GatewayOptions> options)
{
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        var gateway = options.Value;
        if (gateway.AnonymousReadBytesPerMinute <= 0 || !Counted(http))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        if (_budgets.Count > SweepAbove)
        {
            Sweep();
        }
        var budget = _budgets.GetOrAdd(ClientIdentity.Address(http), _ => new Budget(gateway.AnonymousReadBytesPerMinute));
        budget.Enter(Math.Max(1, gateway.MaxConcurrentAnonymousReads));
        var body = http.Response.Body;
        var counted = new CountingStream(body);
        http.Response.Body = counted;
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            http.Response.Body = body;
            budget.Leave(counted.Written);
        }
    }

    /// <summary>API reads by a client without a key; live streams are bounded by their own limits.</summary>
    private static bool Counted(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !ClientIdentity.IsAuthenticated(http.User)
        && !http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Forgets addresses whose budget is full again and that read nothing now: they owe nothing.</summary>
    private void Sweep()
    {
        foreach (var (address, budget) in _budgets)
        {
            if (budget.Idle())
            {
                _budgets.TryRemove(new KeyValuePair<string, Budget>(address, budget));
            }
        }
    }

    /// <summary>The response body as written, counted: JSON answers are streamed without a declared length.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>One address's bytes a minute (<paramref name="capacity"/>), refilled continuously, and its reads in progress.</summary>
    private sealed class Budget(long capacity)
    {
        private readonly Lock _lock = new();
        private readonly double _perSecond = capacity / 60.0;
        private double _balance = capacity;
        private long _refilledAt = Stopwatch.GetTimestamp();
        private int _inProgress;

        public void Enter(int mostInProgress)
        {
            lock (_lock)
            {
                Refill();
                if (_balance < 0)
                {
                    var seconds = (int)Math.Ceiling(-_balance / _perSecond);
                    throw new TooManyRequestsException(
                        $"reads without a key are limited to {capacity / 1024.0 / 1024.0:0.#} MB of answers a minute per address (AnonymousReadBytesPerMinute); this address has used its share, try again in {seconds} s or send an API key",
                        retryAfterSeconds: Math.Max(1, seconds));
                }
                if (_inProgress >= mostInProgress)
                {
                    throw new TooManyRequestsException(
                        $"this address has {_inProgress} reads without a key in progress (MaxConcurrentAnonymousReads); send the next when one is answered", retryAfterSeconds: 1);
                }
                _inProgress++;
            }
        }

        public void Leave(long bytes)
        {
            lock (_lock)
            {
                _inProgress--;
                _balance -= bytes;
            }
        }

        public bool Idle()
        {
            lock (_lock)
            {
                Refill();
                return _inProgress == 0 && _balance >= capacity;
            }
        }

        private void Refill()
        {
            var now = Stopwatch.GetTimestamp();
            _balance = Math.Min(capacity, _balance + (Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
            _refilledAt = now;
        }
    }
}
