using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// A comparison's JSON carries an entity tag naming its version: a polling dashboard that sends it back gets 304
/// while nothing changed, and the new version (with a new tag) once a report in the comparison lands.
/// </summary>
public sealed class ConditionalReadTests : IDisposable
{
    private const string Query = "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province";
    private static readonly string Guangdong = Path.Combine(GatewayFactory.RepositoryRoot, "tests", "corpus", "dev", "texts", "dev-guangdong-2022.txt");

    private readonly GatewayFactory _gateway = new();

    public void Dispose() => _gateway.Dispose();

    private static async Task<HttpResponseMessage> Get(HttpClient client, EntityTagHeaderValue? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Query);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_unchanged_comparison_answers_304_and_a_changed_one_its_new_version_under_a_new_tag()
    {
        var client = await _gateway.ReadyClientAsync();
        var first = await Get(client, null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag on a comparison");
        Assert.True(tag.IsWeak);
        var version = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", tag.Tag);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var unchanged = await Get(client, tag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await Get(client, new EntityTagHeaderValue("\"0\"", isWeak: true))).StatusCode);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Guangdong)), "files", Path.GetFileName(Guangdong) } };
        Assert.True((await _gateway.WriterClient().PostAsync("/api/reports", form)).IsSuccessStatusCode);

        HttpResponseMessage changed;
        var until = DateTime.UtcNow.AddSeconds(20);
        while ((changed = await Get(client, tag)).StatusCode == HttpStatusCode.NotModified)
        {
            Assert.True(DateTime.UtcNow < until, "the comparison still answers 304 twenty seconds after a province report of its year landed");
            await Task.Delay(50);
        }
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var json = JsonDocument.Parse(await changed.Content.ReadAsStringAsync()).RootElement;
        Assert.True(json.GetProperty("version").GetInt64() > version);
        Assert.Contains(json.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("name").GetString() == "广东省");
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await Get(client, changed.Headers.ETag)).StatusCode);
    }
}
