namespace ComparisonGrid.Core;

/// <summary>What the runtime tells an activation about itself.</summary>
public interface IGrainContext
{
    string GrainType { get; }

    string Key { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>Deactivates the grain once the current call has finished.</summary>
    void DeactivateOnIdle();
}
