using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// A report whose region the parser doubts stays out of comparisons until a user confirms or moves it; the move
/// is stored under the source and holds when the same file is ingested again.
/// </summary>
public sealed class RegionCorrectionTests : IDisposable
{
    // No title and no meeting line: the region comes from the body alone, so the parser flags it for review.
    private static readonly string Untitled = Path.Combine(GatewayFactory.RepositoryRoot, "tests", "corpus", "dev", "texts", "dev-qiqihaer-2014.txt");

    private readonly GatewayFactory _gateway = new();

    public void Dispose() => _gateway.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> Ingest(HttpClient writer)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Untitled)), "files", Path.GetFileName(Untitled) } };
        return (await Json(await writer.PostAsync("/api/reports", form))).GetProperty("ingested")[0];
    }

    private static async Task<List<string>> ComparedRegions(HttpClient client, int year) =>
        [.. (await Json(await client.GetAsync($"/api/compare/indicator?indicator=gdp_growth&year={year}"))).GetProperty("rows")
            .EnumerateArray().Select(r => r.GetProperty("region").GetProperty("code").GetString()!)];

    [Fact]
    public async Task A_move_onto_a_key_that_holds_another_source_s_report_answers_409_and_replaces_it_only_with_force()
    {
        var client = await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        await Ingest(writer);
        var sample = await Json(await client.GetAsync("/api/reports/140600/2024"));
        var version = sample.GetProperty("version").GetInt32();

        var refused = await writer.PutAsJsonAsync("/api/reports/230200/2014/region", new { region = "140600", year = 2024 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("holds another report", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Nothing moved: both reports where they were.
        Assert.Equal(version, (await Json(await client.GetAsync("/api/reports/140600/2024"))).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reports/230200/2014")).StatusCode);

        var forced = await Json(await writer.PutAsJsonAsync("/api/reports/230200/2014/region", new { region = "140600", year = 2024, force = true }));
        Assert.Equal("140600/2024", forced.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/reports/230200/2014")).StatusCode);
    }

    [Fact]
    public async Task A_guessed_report_meeting_a_resolved_one_is_held_for_review_then_moved_or_discarded()
    {
        var client = await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        var text = await File.ReadAllTextAsync(Untitled);
        var resolved = (await Json(await writer.PostAsJsonAsync("/api/reports", new { text, region = "齐齐哈尔市", year = 2014 }))).GetProperty("ingested")[0];
        Assert.Equal("230200/2014", resolved.GetProperty("key").GetString());
        Assert.DoesNotContain("region-uncertain", resolved.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        var guessed = await Ingest(writer);
        Assert.Equal(("230200/2014", "held"), (guessed.GetProperty("key").GetString(), guessed.GetProperty("status").GetString()));
        var held = Assert.Single((await Json(await client.GetAsync("/api/reports/held"))).EnumerateArray());
        Assert.Equal(("230200/2014", Path.GetFileName(Untitled)), (held.GetProperty("key").GetString(), held.GetProperty("input").GetString()));
        Assert.Contains("230200", await ComparedRegions(client, 2014));

        // Moved where it belongs: stored there, no longer held, the resolved report untouched; a re-ingest follows the move.
        var moved = await Json(await writer.PutAsJsonAsync("/api/reports/230200/2014/region", new { region = "230100", held = true }));
        Assert.Equal("230100/2014", moved.GetProperty("key").GetString());
        Assert.Empty((await Json(await client.GetAsync("/api/reports/held"))).EnumerateArray());
        Assert.Equal(1, (await Json(await client.GetAsync("/api/reports/230200/2014"))).GetProperty("version").GetInt32());
        Assert.Equal(("230100/2014", "unchanged"), ((await Ingest(writer)).GetProperty("key").GetString(), (await Ingest(writer)).GetProperty("status").GetString()));

        // Held again under another name, then discarded.
        await writer.PostAsync("/api/reports", new StringContent(text + "\n（另存）", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Single((await Json(await client.GetAsync("/api/reports/held"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync("/api/reports/230200/2014/held")).StatusCode);
        Assert.Empty((await Json(await client.GetAsync("/api/reports/held"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync("/api/reports/230200/2014/held")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_moves_of_one_report_move_it_once_and_leave_one_copy()
    {
        var client = await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        await Ingest(writer);
        // Twenty moves at once, to ten places: one moves it, every other one finds it gone or changed.
        var moves = Enumerable.Range(0, 20).Select(i => writer.PutAsJsonAsync("/api/reports/230200/2014/region",
            new { region = i % 2 == 0 ? "230100" : "230300", year = 2014 + (i % 10) })).ToList();
        var statuses = (await Task.WhenAll(moves)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Contains(s, new[] { HttpStatusCode.Conflict, HttpStatusCode.NotFound }));
        var copies = (await Json(await client.GetAsync("/api/reports"))).EnumerateArray()
            .Count(r => r.GetProperty("region").GetProperty("code").GetString() is "230100" or "230200" or "230300");
        Assert.Equal(1, copies);
    }

    [Fact]
    public async Task Concurrent_swaps_of_two_reports_lose_neither_without_force_and_at_most_the_forced_one_with_it()
    {
        var client = await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        await Ingest(writer);
        var moved = await Json(await writer.PutAsJsonAsync("/api/reports/230200/2014/region", new { region = "230200", year = 2024 }));
        Assert.Equal("230200/2024", moved.GetProperty("key").GetString());
        // 230200/2024 (the dev report) and 140600/2024 (a sample) each moved onto the other's key at once.
        foreach (var force in new[] { false, true })
        {
            var there = await Task.WhenAll(
                writer.PutAsJsonAsync("/api/reports/230200/2024/region", new { region = "140600", year = 2024, force }),
                writer.PutAsJsonAsync("/api/reports/140600/2024/region", new { region = "230200", year = 2024, force }));
            var statuses = there.Select(r => r.StatusCode).ToList();
            var stored = (await Json(await client.GetAsync("/api/reports"))).EnumerateArray()
                .Where(r => r.GetProperty("year").GetInt32() == 2024 && r.GetProperty("region").GetProperty("code").GetString() is "230200" or "140600")
                .ToList();
            if (!force)
            {
                Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict], statuses);
                Assert.Equal(2, stored.Count);
            }
            else
            {
                // One after the other: the first replaces the other report as asked; the second finds the report it read
                // gone (409), or, had it read after the first, moves what is there now. Never both lost, never two copies.
                Assert.Contains(HttpStatusCode.OK, statuses);
                Assert.Single(stored);
            }
        }
    }

    [Fact]
    public async Task An_uncertain_report_is_listed_for_review_kept_out_of_comparisons_and_a_move_is_stored_and_survives_reingest()
    {
        var client = await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();

        var first = await Ingest(writer);
        Assert.Equal("230200/2014", first.GetProperty("key").GetString());
        Assert.Contains("region-uncertain", first.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var listed = (await Json(await client.GetAsync("/api/reports"))).EnumerateArray()
            .Single(r => r.GetProperty("region").GetProperty("code").GetString() == "230200");
        Assert.Contains("region-uncertain", listed.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("230200", await ComparedRegions(client, 2014));

        var body = new { region = "230100", year = 2014 };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsJsonAsync("/api/reports/230200/2014/region", body)).StatusCode);
        var unknown = await writer.PutAsJsonAsync("/api/reports/230200/2014/region", new { region = "火星市" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("火星市", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PutAsJsonAsync("/api/reports/230200/1999/region", body)).StatusCode);
        // A year written as a string is not a year: the API takes numbers as numbers.
        var stringYear = await writer.PutAsync("/api/reports/230200/2014/region",
            new StringContent("{\"region\":\"230100\",\"year\":\"2014\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, stringYear.StatusCode);
        Assert.Equal("application/problem+json", stringYear.Content.Headers.ContentType?.MediaType);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/compare/indicator?indicator=gdp_growth&year=2014");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventReader(await stream.Content.ReadAsStreamAsync());
        var (before, current) = await events.NextAsync();
        Assert.Equal(0, current.GetProperty("rows").GetArrayLength());

        // Confirming the parser's guess brings the report into the comparison its subscribers hold.
        var confirmed = await Json(await writer.PutAsJsonAsync("/api/reports/230200/2014/region", new { region = "230200" }));
        Assert.Equal("230200/2014", confirmed.GetProperty("key").GetString());
        var (afterConfirm, withIt) = await events.NextAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(afterConfirm > before);
        Assert.Contains(withIt.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("code").GetString() == "230200");

        var moved = await Json(await writer.PutAsJsonAsync("/api/reports/230200/2014/region", body));
        // A subscriber to the year's comparison sees the moved report arrive.
        var (after, updated) = await events.NextAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(after > afterConfirm);
        Assert.Contains(updated.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("code").GetString() == "230100");
        Assert.Equal("230100/2014", moved.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/reports/230200/2014")).StatusCode);
        var stored = (await Json(await client.GetAsync("/api/reports/230100/2014"))).GetProperty("report");
        var flags = stored.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("region-corrected", flags);
        Assert.DoesNotContain("region-uncertain", flags);
        Assert.Equal("user", stored.GetProperty("region").GetProperty("resolvedFrom").GetString());
        var compared = await ComparedRegions(client, 2014);
        Assert.Contains("230100", compared);
        Assert.DoesNotContain("230200", compared);

        var again = await Ingest(writer);
        Assert.Equal("230100/2014", again.GetProperty("key").GetString());
        Assert.Equal("unchanged", again.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/reports/230200/2014")).StatusCode);
        var regions = (await Json(await client.GetAsync("/api/regions"))).EnumerateArray().Select(r => r.GetProperty("region").GetProperty("code").GetString());
        Assert.DoesNotContain("230200", regions);
    }
}
