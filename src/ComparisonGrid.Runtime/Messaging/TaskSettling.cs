namespace ComparisonGrid.Runtime.Messaging;

internal static class TaskSettling
{
    /// <summary>Waits for a task however it ends; its outcome is read from the task itself afterwards.</summary>
    public static async Task Settled(this Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The failure reaches the caller through its work item or answer, which read the task.
        }
    }
}
