using System.Text.Json;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// Reads cost no storage: a comparison is computed and cached but never stored, and the year catalogs' watcher
/// lists (subscribed comparisons only) live in memory.
/// </summary>
public sealed class ComparisonStorageTests : IDisposable
{
    private readonly GatewayFactory _gateway = new();

    public void Dispose() => _gateway.Dispose();

    private static async Task<long> StorageWritesAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/cluster")).RootElement.GetProperty("silos")[0].GetProperty("runtime").GetProperty("storageWrites").GetInt64();

    private async Task<long> SettledWritesAsync(HttpClient client)
    {
        // The region catalog writes its batch a second after the last change: wait until the count holds still.
        var last = -1L;
        return await Eventually.Value<long>(async () =>
        {
            var now = await StorageWritesAsync(client);
            if (now == last)
            {
                return now;
            }
            last = now;
            await Task.Delay(1500);
            return null;
        }, "storage writes settle", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Hundreds_of_distinct_comparison_reads_and_a_live_subscription_write_nothing()
    {
        var client = await _gateway.ReadyClientAsync();
        int[] years = [2019, 2020, 2021, 2022, 2023, 2024];
        // The catalogs of these years start (each stores its new epoch once) …
        foreach (var year in years)
        {
            Assert.True((await client.GetAsync($"/api/compare/themes?year={year}")).IsSuccessStatusCode);
        }
        var before = await SettledWritesAsync(client);

        // … then every distinct comparison a stranger can ask for is computed without a write.
        var indicators = JsonDocument.Parse(await client.GetStringAsync("/api/meta")).RootElement.GetProperty("indicators").EnumerateArray().Select(i => i.GetString()).Take(20).ToList();
        var reads = 0;
        foreach (var indicator in indicators)
        {
            foreach (var year in years)
            {
                foreach (var level in new[] { "province", "prefecture" })
                {
                    Assert.True((await client.GetAsync($"/api/compare/indicator?indicator={indicator}&year={year}&level={level}")).IsSuccessStatusCode);
                    reads++;
                }
            }
        }
        Assert.True(reads >= 200, $"only {reads} distinct comparisons were read");
        Assert.Equal(before, await StorageWritesAsync(client));

        // A live subscriber makes its comparison watch its year, in memory.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(stream.IsSuccessStatusCode);
        await using var events = await stream.Content.ReadAsStreamAsync();
        var first = new byte[64];
        Assert.True(await events.ReadAsync(first) > 0);
        Assert.Equal(before, await StorageWritesAsync(client));
    }
}
