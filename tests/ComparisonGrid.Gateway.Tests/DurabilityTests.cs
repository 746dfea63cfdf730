using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// What was acknowledged survives: a write refused by a locked store is not believed by the grain, so the client's
/// retry really writes, and a kill -9 afterwards finds what the retry acknowledged.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const string Key = "durability-key";
    private readonly string _data = Directory.CreateTempSubdirectory("cgrid-durability-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static async Task<HttpResponseMessage> IngestAsync(HttpClient http, string url, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/reports") { Content = new StringContent(text, Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Api-Key", Key);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("ingested").EnumerateArray());
    }

    [Fact]
    public async Task A_retry_after_a_failed_write_is_stored_and_survives_kill_9()
    {
        var v1 = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));
        var v2 = v1 + "\n（本报告第二稿）\n";
        using var http = new HttpClient();
        string key;
        using (var gateway = await GatewayProcess.StartAsync(_data, Key, "--no-samples", "--ComparisonGrid:StoreBusyTimeout=00:00:01"))
        {
            var first = await OutcomeAsync(await IngestAsync(http, gateway.Url, v1));
            Assert.Equal(("new", 1), (first.GetProperty("status").GetString(), first.GetProperty("version").GetInt32()));
            key = first.GetProperty("key").GetString()!;

            // The store is locked by another process while v2 arrives: the write fails and the client is told so.
            await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(_data, "grains.db")};Pooling=False"))
            {
                await blocker.OpenAsync();
                await using var begin = blocker.CreateCommand();
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await IngestAsync(http, gateway.Url, v2)).StatusCode);
                await using var rollback = blocker.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }

            // The retry must really write v2: the grain did not believe the write that failed.
            var retry = await OutcomeAsync(await IngestAsync(http, gateway.Url, v2));
            Assert.Equal(("replaced", 2), (retry.GetProperty("status").GetString(), retry.GetProperty("version").GetInt32()));
            gateway.Kill();
        }

        using var restarted = await GatewayProcess.StartAsync(_data, Key, "--no-samples");
        var stored = JsonDocument.Parse(await http.GetStringAsync($"{restarted.Url}/api/reports/{key}?text=true")).RootElement;
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        Assert.EndsWith("（本报告第二稿）\n", stored.GetProperty("sourceText").GetString(), StringComparison.Ordinal);
        Assert.Single(stored.GetProperty("history").EnumerateArray());
        // The same text again is unchanged, now that memory and store agree.
        var again = await OutcomeAsync(await IngestAsync(http, restarted.Url, v2));
        Assert.Equal(("unchanged", 2), (again.GetProperty("status").GetString(), again.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_restart_loads_every_years_catalog_before_it_says_ready()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        int years;
        using (var first = await GatewayProcess.StartAsync(_data, Key))
        {
            var regions = JsonDocument.Parse(await http.GetStringAsync($"{first.Url}/api/regions")).RootElement;
            years = regions.EnumerateArray().SelectMany(r => r.GetProperty("years").EnumerateArray().Select(y => y.GetInt32())).Distinct().Count();
            Assert.True(years > 1);
        }
        using (var warmed = await GatewayProcess.StartAsync(_data, Key))
        {
            Assert.Equal(years, await YearCatalogsAsync(http, warmed.Url));
        }
        using var cold = await GatewayProcess.StartAsync(_data, Key, "--ComparisonGrid:WarmCatalogs=false");
        Assert.Equal(0, await YearCatalogsAsync(http, cold.Url));
    }

    private static async Task<long> YearCatalogsAsync(HttpClient http, string url)
    {
        var cluster = JsonDocument.Parse(await http.GetStringAsync($"{url}/api/cluster")).RootElement;
        var types = cluster.GetProperty("silos")[0].GetProperty("runtime").GetProperty("grainTypes").EnumerateArray();
        return types.Where(t => t.GetProperty("grainType").GetString() == "year-catalog").Select(t => t.GetProperty("activations").GetInt64()).SingleOrDefault();
    }
}
