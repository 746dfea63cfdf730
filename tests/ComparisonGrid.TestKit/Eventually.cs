namespace ComparisonGrid.TestKit;

/// <summary>Waiting for a condition instead of for a time: the wait ends as soon as it holds, and fails naming it.</summary>
public static class Eventually
{
    public static async Task Holds(Func<bool> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"never happened: {what}");
            }
            await Task.Delay(20);
        }
    }

    public static async Task Holds(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await Value(async () => await condition().ConfigureAwait(false) ? true : (bool?)null, what, within).ConfigureAwait(false);
    }

    /// <summary>The first value <paramref name="probe"/> gives that is not null.</summary>
    public static async Task<T> Value<T>(Func<Task<T?>> probe, string what, TimeSpan? within = null) where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await probe().ConfigureAwait(false) is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"never happened: {what}");
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
