namespace ComparisonGrid.Runtime.Messaging;

/// <summary>A grain interface and the class that implements it, registered with AddGrain.</summary>
public sealed record GrainRegistration(Type Interface, Type Implementation);
