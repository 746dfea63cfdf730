namespace ComparisonGrid.Core;

/// <summary>
/// A notification: the caller does not wait for the grain to run it and never sees its result or failure.
/// The method must return a plain Task.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
