namespace ComparisonGrid.Core;

/// <summary>What the runtime tells an activation about itself.</summary>
public interface IGrainContext
{
    string GrainType { get; }

    string Key { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>Deactivates the grain once the current call has finished.</summary>
    void DeactivateOnIdle();

    /// <summary>While set, idle collection and the activation bound leave the grain alone (it holds subscribers).</summary>
    void KeepAlive(bool keep);
}
