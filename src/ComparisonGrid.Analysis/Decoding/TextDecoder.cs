using System.Text;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>Turns input bytes into text, detecting UTF-8 (with or without BOM), UTF-16, GB18030/GBK and Big5.</summary>
public sealed class TextDecoder
{
    // A Chinese report decoded with the wrong legacy code page still yields valid characters, only rare ones;
    // beyond this share of undecodable bytes the input is not text in any encoding we know.
    private const double MaxInvalidShare = 0.01;

    private readonly CommonCharacters _common;

    public TextDecoder(CommonCharacters common)
    {
        _common = common;
        Encodings.EnsureRegistered();
    }

    public DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new InputFormatException("the file is empty");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new DecodedText(StrictUtf8(bytes[3..], 3), "utf-8-bom");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new DecodedText(Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new DecodedText(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }
        if (LooksLikeUtf16WithoutBom(bytes, out var bigEndian))
        {
            return bigEndian
                ? new DecodedText(Encoding.BigEndianUnicode.GetString(bytes), "utf-16be")
                : new DecodedText(Encoding.Unicode.GetString(bytes), "utf-16le");
        }
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new InputFormatException("binary data, not text (a NUL byte)", $"offset {nul}");
        }
        if (TryStrictUtf8(bytes, out var utf8))
        {
            return new DecodedText(utf8, "utf-8");
        }
        var gb = Decode(bytes, "gb18030");
        var big5 = Decode(bytes, "big5");
        var best = Score(gb) >= Score(big5) ? gb : big5;
        if (best.InvalidShare > MaxInvalidShare)
        {
            var offset = FirstInvalidUtf8Offset(bytes);
            throw new InputFormatException(
                "unknown encoding: not valid UTF-8, UTF-16, GB18030 or Big5", $"offset {offset}");
        }
        return new DecodedText(best.Text, best.Name);
    }

    private double Score(Candidate c) => (1 - c.InvalidShare) * (1 - _common.RareShare(c.Text));

    private static Candidate Decode(ReadOnlySpan<byte> bytes, string name)
    {
        // Code pages replace bad bytes with '?' by default, which would hide them among real question marks.
        var text = Encoding.GetEncoding(name, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"))
            .GetString(bytes);
        var invalid = text.AsSpan().Count('\uFFFD');
        return new Candidate(name, text, text.Length == 0 ? 1 : (double)invalid / text.Length);
    }

    private static bool TryStrictUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static string StrictUtf8(ReadOnlySpan<byte> bytes, int offsetBase)
    {
        if (TryStrictUtf8(bytes, out var text))
        {
            return text;
        }
        throw new InputFormatException(
            "the file starts with a UTF-8 byte order mark but is not valid UTF-8",
            $"offset {offsetBase + FirstInvalidUtf8Offset(bytes)}");
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : read;
    }

    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        if (bytes.Length < 4 || bytes.Length % 2 != 0)
        {
            return false;
        }
        var sample = bytes[..Math.Min(bytes.Length, 4096)];
        int evenZero = 0, oddZero = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenZero++;
                }
                else
                {
                    oddZero++;
                }
            }
        }
        var pairs = sample.Length / 2;
        // ASCII-heavy UTF-16 has a zero in one half of most pairs and almost never in the other.
        if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05)
        {
            return true;
        }
        if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    private sealed record Candidate(string Name, string Text, double InvalidShare);
}
