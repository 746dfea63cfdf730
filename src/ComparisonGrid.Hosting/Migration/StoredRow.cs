namespace ComparisonGrid.Hosting.Migration;

/// <summary>
/// A state as another store holds it: "grainType.stateName", the grain's key, and the payload (JSON text from the
/// release before Orleans, MessagePack bytes from this one).
/// </summary>
public sealed record StoredRow(string StateType, string Key, object Payload);
