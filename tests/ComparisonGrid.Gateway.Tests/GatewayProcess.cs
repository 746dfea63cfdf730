using System.Diagnostics;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// The gateway as users start it: its own build output in a process of its own, a real Kestrel on loopback. For
/// tests whose fault is a process (kill -9) or whose client is a real browser.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<GatewayProcess> StartAsync(string dataDirectory, string key, params string[] arguments)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var start = StartInfo(url, dataDirectory, key, arguments);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, url);
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync($"{url}/readyz")).IsSuccessStatusCode)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        gateway.Dispose();
        throw new TimeoutException($"the gateway at {url} never became ready");
    }

    /// <summary>A gateway expected not to start: its exit code and output once it has ended (within two minutes).</summary>
    public static async Task<(int Code, string Out, string Error)> RunToExitAsync(string dataDirectory, string key, params string[] arguments)
    {
        using var process = Process.Start(StartInfo($"http://127.0.0.1:{Ports.Free()}", dataDirectory, key, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string url, string dataDirectory, string key, string[] arguments)
    {
        var dll = Repository.BuildOutput("ComparisonGrid.Gateway", "ComparisonGrid.Gateway.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", url, "--data-dir", dataDirectory, "--api-key", key, $"--ComparisonGrid:SamplesDirectory={Path.Combine(Repository.Root, "samples")}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    /// <summary>SIGKILL: no shutdown, no deactivation, nothing written that was not written already.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
