namespace ComparisonGrid.Core;

/// <summary>
/// A grain method that changes nothing: calls to read-only methods may run interleaved with each other,
/// never with a call to any other method.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
