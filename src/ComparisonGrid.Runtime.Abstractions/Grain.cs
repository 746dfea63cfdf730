namespace ComparisonGrid.Core;

/// <summary>
/// Base class of grain implementations. The runtime creates instances (never <c>new</c>), attaches the
/// context, reads the persistent states, then calls <see cref="OnActivateAsync"/> before the first message.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    protected IGrainContext Context =>
        _context ?? throw new InvalidOperationException($"{GetType().Name} was not created by the grain runtime.");

    public string GetPrimaryKeyString() => Context.Key;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    protected void KeepAlive(bool keep) => Context.KeepAlive(keep);

    internal void Attach(IGrainContext context) => _context = context;
}
