namespace ComparisonGrid.Benchmarks;

/// <summary>The smallest grain: the cost of a call is the runtime's, not the grain's.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1515", Justification = "Grain interfaces are public so the runtime's proxies can implement them.")]
[Alias("cg.IBenchGrain")]
public interface IBenchGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1515", Justification = "Created by the runtime through DI.")]
public sealed class BenchGrain : Grain, IBenchGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
