using System.Text;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Repairs spans where a page's GBK bytes were read one byte out of step, the commonest mojibake in scraped
/// reports: （一）一年來 shows as ?。ㄒ唬┮荒陙. Such a span is a run of rare characters; encoding it back to
/// GBK and decoding one byte later restores the text, and the ASCII character that ends the run is the lost
/// trail byte of its last character (縣 = BF 68 shows as "…h"). Pairs the scraper dropped cannot come back:
/// they become U+FFFD and a note, as do spans that re-encoding does not turn into plausible Chinese.
/// </summary>
public sealed class MojibakeRepairer
{
    private const int MinRunLength = 3;
    private const int MinRareInRun = 2;
    private const double MinRareShare = 0.3;
    private const double MaxRareShareAfterRepair = 0.25;

    private readonly CommonCharacters _common;
    private readonly Encoding _gbk;

    public MojibakeRepairer(CommonCharacters common)
    {
        _common = common;
        _gbk = Encodings.Gbk;
    }

    public NormalisationPass Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notes = new List<QualityNote>();
        return new NormalisationPass(RepairPart(text, 0, text.Length, notes) ?? MappedText.Identity(text), notes);
    }

    /// <summary>
    /// Repairs characters [start, end) of <paramref name="text"/>: the repaired part, or null when nothing in it was
    /// repaired. The part's offsets, and those of the notes added to <paramref name="notes"/>, count from <paramref name="start"/>.
    /// </summary>
    internal MappedText? RepairPart(string text, int start, int end, List<QualityNote> notes)
    {
        MappedTextBuilder? b = null;
        var copied = start;
        var i = start;
        while (i < end)
        {
            if (text[i] < 0x80 || char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var runStart = i;
            while (i < end && text[i] >= 0x80 && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var run = text.AsSpan(runStart, i - runStart);
            if (!LooksGarbled(run))
            {
                continue;
            }
            var repaired = TryRepair(text, start, end, runStart, i);
            if (repaired is null)
            {
                notes.Add(new QualityNote(QualityFlags.MojibakeUnresolved,
                    $"garbled text left as found: {Clip(run)}", runStart - start, i - start));
                continue;
            }
            b ??= new MappedTextBuilder(end - start, start);
            var (replaceStart, replaceEnd, chars, lost) = repaired.Value;
            b.AppendSource(text, copied, replaceStart);
            foreach (var (c, s, e) in chars)
            {
                b.Append(c, s, e);
            }
            copied = replaceEnd;
            i = replaceEnd;
            notes.Add(new QualityNote(QualityFlags.MojibakeRepaired,
                $"re-decoded GBK mojibake {Clip(text.AsSpan(replaceStart, replaceEnd - replaceStart))} as {Clip(new string(chars.Select(x => x.C).ToArray()))}",
                replaceStart - start, replaceEnd - start));
            if (lost > 0)
            {
                notes.Add(new QualityNote(QualityFlags.MojibakeUnresolved,
                    $"{lost} of the characters of this span were lost before the text reached us (shown as U+FFFD)", replaceStart - start, replaceEnd - start));
            }
        }
        if (b is null)
        {
            return null;
        }
        b.AppendSource(text, copied, end);
        return b.Build();
    }

    private bool LooksGarbled(ReadOnlySpan<char> run)
    {
        if (run.Length < MinRunLength)
        {
            return false;
        }
        var rare = 0;
        foreach (var c in run)
        {
            if (!_common.IsCommon(c))
            {
                rare++;
            }
        }
        return rare >= MinRareInRun && (double)rare / run.Length >= MinRareShare;
    }

    private (int Start, int End, List<(char C, int S, int E)> Chars, int Lost)? TryRepair(string text, int partStart, int partEnd, int runStart, int runEnd)
    {
        byte[] bytes;
        try
        {
            bytes = _gbk.GetBytes(text.ToCharArray(runStart, runEnd - runStart));
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
        if (bytes.Length != 2 * (runEnd - runStart))
        {
            return null;
        }
        var replaceStart = runStart > partStart && text[runStart - 1] == '?' ? runStart - 1 : runStart;
        var replaceEnd = runEnd;
        var shifted = new List<byte>(bytes.Length);
        shifted.AddRange(bytes.AsSpan(1));
        if (runEnd < partEnd && text[runEnd] is >= '\x40' and <= '\x7E')
        {
            shifted.Add((byte)text[runEnd]);
            replaceEnd = runEnd + 1;
        }
        var chars = new List<(char C, int S, int E)>();
        var lost = 0;
        var j = 0;
        var pair = new byte[2];
        while (j < shifted.Count)
        {
            // Shifted byte j is original byte j + 1, which belongs to run character (j + 1) / 2.
            var source = runStart + (j + 1) / 2;
            if (shifted[j] < 0x80)
            {
                chars.Add(((char)shifted[j], source, source + 1));
                j++;
                continue;
            }
            if (j + 1 >= shifted.Count)
            {
                chars.Add(('\uFFFD', source, replaceEnd));
                lost++;
                break;
            }
            pair[0] = shifted[j];
            pair[1] = shifted[j + 1];
            var decoded = _gbk.GetString(pair);
            var c = decoded.Length == 1 ? decoded[0] : '\uFFFD';
            if (!_common.IsCommon(c))
            {
                c = '\uFFFD';
                lost++;
            }
            chars.Add((c, source, Math.Min(source + 2, replaceEnd)));
            j += 2;
        }
        var repairedText = new string(chars.Select(x => x.C).ToArray());
        if (lost > chars.Count * MaxRareShareAfterRepair || _common.RareShare(repairedText) > MaxRareShareAfterRepair)
        {
            return null;
        }
        return (replaceStart, replaceEnd, chars, lost);
    }

    private static string Clip(ReadOnlySpan<char> s) => s.Length <= 24 ? $"\"{s}\"" : $"\"{s[..24]}…\"";
}
