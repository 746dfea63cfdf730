namespace ComparisonGrid.Model;

/// <summary>An input (or part of one) that could not be parsed, and why, in one line.</summary>
/// <param name="Location">Where in the input: <c>line 12</c>, <c>offset 4096</c>, <c>row 3</c>, or null for the whole input.</param>
[GenerateSerializer, Immutable, Alias("cg.InputError")]
public sealed record InputError(string Input, string Message, string? Location = null)
{
    public override string ToString() => Location is null ? $"{Input}: {Message}" : $"{Input} ({Location}): {Message}";
}
