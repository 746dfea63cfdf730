namespace ComparisonGrid.Core;

/// <summary>
/// Marks a constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime supplies it,
/// stored under this name, and reads it before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
