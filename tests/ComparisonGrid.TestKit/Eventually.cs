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
}
