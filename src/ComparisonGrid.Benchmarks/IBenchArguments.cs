namespace ComparisonGrid.Benchmarks;

/// <summary>A benchmark's arguments as the command line gave them: positional ones and --options.</summary>
public interface IBenchArguments
{
    IReadOnlyList<string> Positional { get; }

    string? Value(string name);

    double? Number(string name);

    bool Has(string name);
}
