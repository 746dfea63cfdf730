namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>Reads request bodies within the size limit, whether or not the server in front enforces one.</summary>
internal static class RequestBody
{
    /// <param name="declaredLength">The length the client declared, if any: the body is read into an array of that size, one copy.</param>
    public static async Task<byte[]> ReadAsync(Stream body, long limit, CancellationToken cancellationToken, long? declaredLength = null)
    {
        if (declaredLength is { } length and <= int.MaxValue && length <= limit)
        {
            var exact = new byte[length];
            try
            {
                await body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw new Application.Requests.RequestException($"the body ended before the {length} bytes its Content-Length declared");
            }
            return exact;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PayloadTooLargeException($"the request body is over the limit of {limit / 1024.0 / 1024.0:0.#} MB");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static void CheckDeclaredLength(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            throw new PayloadTooLargeException($"the request body ({request.ContentLength / 1024.0 / 1024.0:0.#} MB) is over the limit of {limit / 1024.0 / 1024.0:0.#} MB");
        }
    }
}
