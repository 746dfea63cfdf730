namespace ComparisonGrid.Gateway.Operations;

/// <summary>Whether the gateway serves yet: the silo has started and the first-start sample load has finished.</summary>
public sealed class Readiness
{
    private volatile string? _waitingFor = "the sample reports to load";

    public bool IsReady => _waitingFor is null;

    public string? WaitingFor => _waitingFor;

    public void Ready() => _waitingFor = null;
}
