using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// What a real server meets and a test server hides: uploads that trickle, connections that never finish their
/// headers, thousands of them from one address. Each test runs a gateway process on loopback.
/// </summary>
public sealed class ConnectionTests : IDisposable
{
    private const string Key = "first-key";
    private const string OtherKey = "second-key";
    private readonly string _data = Directory.CreateTempSubdirectory("cgrid-connections-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Slow_uploads_hold_their_own_clients_turn_not_the_parsing_budget_of_others()
    {
        using var gateway = await GatewayProcess.StartAsync(_data, Key, "--no-samples", $"--ComparisonGrid:ApiKeys:1={OtherKey}");
        var url = new Uri(gateway.Url);
        // Two uploads declaring 45 MB each (together over the 64 MB parsing budget) that send a few bytes and stall.
        using var first = await SlowClient.ConnectAsync(url, IPAddress.Loopback);
        using var second = await SlowClient.ConnectAsync(url, IPAddress.Loopback);
        foreach (var slow in new[] { first, second })
        {
            await slow.SendAsync(UploadHead(url, Key, 45_000_000) + "报告");
        }
        await Task.Delay(500);

        // Another key's ordinary report is parsed and answered meanwhile.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var text = await File.ReadAllTextAsync(TestKit.Repository.Sample("001"));
        using var ingest = new HttpRequestMessage(HttpMethod.Post, $"{gateway.Url}/api/reports") { Content = new StringContent(text, Encoding.UTF8, "text/plain") };
        ingest.Headers.Add("X-Api-Key", OtherKey);
        var answered = await http.SendAsync(ingest);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("\"ingested\":[{", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The stalled key's share of arriving bytes is taken: a third large upload of it is told to come back, while a
        // small one still fits.
        using var third = await SlowClient.ConnectAsync(url, IPAddress.Loopback);
        await third.SendAsync(UploadHead(url, Key, 49_000_000));
        var refused = await third.ReadAnswerAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 429", refused, StringComparison.Ordinal);
        Assert.Contains("MaxIngestBytesArrivingPerClient", refused, StringComparison.Ordinal);
        using var small = new HttpRequestMessage(HttpMethod.Post, $"{gateway.Url}/api/reports") { Content = new StringContent("短", Encoding.UTF8, "text/plain") };
        small.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(small)).StatusCode);
    }

    [Fact]
    public async Task An_upload_that_does_not_arrive_within_the_deadline_ends_with_408()
    {
        using var gateway = await GatewayProcess.StartAsync(_data, Key, "--no-samples", "--ComparisonGrid:IngestDeadline=00:00:02");
        var url = new Uri(gateway.Url);
        using var slow = await SlowClient.ConnectAsync(url, IPAddress.Loopback);
        await slow.SendAsync(UploadHead(url, Key, 100_000) + "报告");
        // Bytes keep coming (faster than the server's minimum data rate), but the whole body never does.
        var answer = Task.Run(slow.ReadAnswerAsync);
        for (var i = 0; i < 20 && !answer.IsCompleted; i++)
        {
            await slow.SendAsync(new string('报', 100));
            await Task.Delay(250);
        }
        var status = await answer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        Assert.Contains("IngestDeadline", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_slow_connections_from_one_address_leaves_others_served()
    {
        using var gateway = await GatewayProcess.StartAsync(_data, Key, "--no-samples", "--ComparisonGrid:MaxConnectionsPerAddress=100");
        var url = new Uri(gateway.Url);
        var flood = new List<SlowClient>();
        try
        {
            // Connections that start a request and never finish its headers.
            for (var i = 0; i < 300; i++)
            {
                var slow = await SlowClient.ConnectAsync(url, IPAddress.Loopback);
                flood.Add(slow);
                await slow.SendAsync($"GET /api/regions HTTP/1.1\r\nHost: {url.Authority}\r\n");
            }
            await TestKit.Eventually.Holds(() => flood.Count(f => f.ClosedByServer) >= 200, "the connections beyond the address's 100 closed", TimeSpan.FromSeconds(20));
            Assert.True(flood.Count(f => !f.ClosedByServer) <= 100);

            // Another address is answered while the flood holds its share.
            using var other = await SlowClient.ConnectAsync(url, IPAddress.Parse("127.0.0.2"));
            await other.SendAsync($"GET /api/regions HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200", await other.ReadAnswerAsync().WaitAsync(TimeSpan.FromSeconds(20)), StringComparison.Ordinal);

            // The flooding address gets nothing more until its connections end.
            using var more = await SlowClient.ConnectAsync(url, IPAddress.Loopback);
            await more.SendAsync($"GET /api/regions HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n\r\n");
            Assert.Equal("", await more.ReadAnswerAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        }
        finally
        {
            flood.ForEach(f => f.Dispose());
        }
        using var http = new HttpClient();
        await TestKit.Eventually.Holds(async () => (await http.GetAsync($"{gateway.Url}/api/regions")).IsSuccessStatusCode, "the address served again once its connections ended", TimeSpan.FromSeconds(20));
    }

    private static string UploadHead(Uri url, string key, long declaredLength) =>
        $"POST /api/reports HTTP/1.1\r\nHost: {url.Authority}\r\nX-Api-Key: {key}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {declaredLength}\r\n\r\n";
}

/// <summary>A raw TCP client that sends exactly what it is told, when it is told, from the address it is given.</summary>
internal sealed class SlowClient : IDisposable
{
    private readonly Socket _socket;

    private SlowClient(Socket socket) => _socket = socket;

    public static async Task<SlowClient> ConnectAsync(Uri url, IPAddress from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        try
        {
            await socket.ConnectAsync(IPAddress.Parse(url.Host), url.Port);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset)
        {
            // Accepted and closed at once by the server, before the connect call returned.
            return new SlowClient(socket) { _reset = true };
        }
        return new SlowClient(socket);
    }

    private bool _reset;

    /// <summary>Whether the server has closed the connection (reset it, or readable with nothing to read).</summary>
    public bool ClosedByServer => _reset || (_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0);

    /// <summary>Sends, and notes a connection the server has already reset.</summary>
    public async Task SendAsync(string text)
    {
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            _reset = true;
        }
    }

    /// <summary>The server's answer: until it closes, or its headers and a JSON body have come.</summary>
    public async Task<string> ReadAnswerAsync()
    {
        var buffer = new byte[65536];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await ReceiveAsync(buffer.AsMemory(total))) > 0)
        {
            total += read;
            var text = Encoding.UTF8.GetString(buffer, 0, total);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && text.EndsWith('}'))
            {
                break;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private async Task<int> ReceiveAsync(Memory<byte> buffer)
    {
        try
        {
            return await _socket.ReceiveAsync(buffer);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset)
        {
            _reset = true;
            return 0;
        }
    }

    public void Dispose() => _socket.Dispose();
}
