using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// Bounds the ingests this gateway parses at once: parsing holds several copies of a body, so memory follows the
/// number in flight. Requests beyond the bound wait, their bodies still unread in the connection; beyond the queue
/// they get 429 with Retry-After.
/// </summary>
public sealed class IngestGate(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentIngests, options.Value.MaxConcurrentIngests);
    private int _waiting;

    /// <summary>Ingests being parsed or waiting for a slot.</summary>
    public int Pending => Volatile.Read(ref _waiting);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > options.Value.MaxConcurrentIngests + options.Value.IngestQueue)
        {
            Interlocked.Decrement(ref _waiting);
            throw new TooManyRequestsException(
                $"the gateway is parsing {options.Value.MaxConcurrentIngests} ingests and {options.Value.IngestQueue} more wait; try again shortly", retryAfterSeconds: 2);
        }
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }
        return new Slot(this);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(IngestGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                Interlocked.Decrement(ref gate._waiting);
            }
        }
    }
}
