namespace ComparisonGrid.Runtime.Messaging;

/// <summary>A grain's identity: its type name (report, region …) and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
