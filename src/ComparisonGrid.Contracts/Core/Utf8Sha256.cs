using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ComparisonGrid.Core;

/// <summary>
/// SHA-256 of a text's UTF-8, encoded a slice at a time: a report of tens of megabytes is hashed without a second
/// copy of it as bytes.
/// </summary>
public static class Utf8Sha256
{
    private const int SliceChars = 16 * 1024;

    public static byte[] Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(SliceChars));
        try
        {
            var rest = text.AsSpan();
            while (true)
            {
                var slice = rest[..Math.Min(SliceChars, rest.Length)];
                rest = rest[slice.Length..];
                // The encoder carries a surrogate pair cut between slices over to the next one.
                var bytes = encoder.GetBytes(slice, buffer, flush: rest.IsEmpty);
                hash.AppendData(buffer, 0, bytes);
                if (rest.IsEmpty)
                {
                    return hash.GetHashAndReset();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Lower-case hex, as stored with report facts and in export manifests.</summary>
    public static string Hex(string text) => Convert.ToHexStringLower(Of(text));
}
