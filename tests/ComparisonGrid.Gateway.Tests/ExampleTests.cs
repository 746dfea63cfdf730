using System.Diagnostics;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>The client examples in examples/ run against a real gateway, as a researcher would run them.</summary>
public sealed class ExampleTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cgrid-example-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task The_python_example_pulls_a_panel_summarises_it_and_writes_its_rows()
    {
        using var gateway = await GatewayProcess.StartAsync(_data, "example-key");
        var output = Path.Combine(_data, "panel.csv");
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { Repository.PathOf("examples", "panel.py"), "--url", gateway.Url, "--from", "2019", "--to", "2024", "--out", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(python.ExitCode == 0, await stderr);

        var printed = await stdout;
        Assert.Contains("gdp_growth 2019-2024: 14 region-years", printed, StringComparison.Ordinal);
        Assert.Contains("2022       11", printed, StringComparison.Ordinal);
        var rows = await File.ReadAllLinesAsync(output);
        Assert.Equal(15, rows.Length);
        Assert.Contains(rows, r => r.StartsWith("厦门市,350200,2019,about,8,8,8,%", StringComparison.Ordinal));
    }
}
