using System.Diagnostics;

namespace ComparisonGrid.TestKit;

/// <summary>cgrid as users run it: its build output in a process of its own.</summary>
public static class CgridProcess
{
    /// <summary>Runs cgrid with the arguments and gives its exit code and what it wrote (within three minutes).</summary>
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.BuildOutput("ComparisonGrid.Cli", "cgrid.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
