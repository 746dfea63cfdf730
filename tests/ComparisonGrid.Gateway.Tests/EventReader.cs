using System.Text;
using System.Text.Json;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>Reads server-sent events from a response stream, one (id, data) at a time; heartbeats are skipped.</summary>
internal sealed class EventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public int Heartbeats { get; private set; }

    public async Task<(long Id, JsonElement Data)> NextAsync()
    {
        long id = -1;
        string? data = null;
        while (await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
            else if (line.StartsWith(": heartbeat", StringComparison.Ordinal))
            {
                Heartbeats++;
            }
            else if (line.Length == 0 && data is not null)
            {
                return (id, JsonDocument.Parse(data).RootElement);
            }
        }
        throw new EndOfStreamException("the stream ended");
    }

    /// <summary>Reads on until the stream has sent <paramref name="count"/> heartbeats in all, while no event comes.</summary>
    public async Task HeartbeatsAsync(int count)
    {
        while (Heartbeats < count && await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)) is { } line)
        {
            if (line.StartsWith(": heartbeat", StringComparison.Ordinal))
            {
                Heartbeats++;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"an event arrived while the stream should be quiet: {line}");
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
