using System.Buffers;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Removes pinyin readings that scraped pages put in brackets after a character: 報(bào)告 → 報告.
/// Only Latin letters in brackets right after a Han character are touched, and only when they carry a
/// tone mark, or when the document has already shown tone-marked readings (then toneless neutral-tone
/// syllables such as (de) go too).
/// </summary>
public sealed class PinyinAnnotationRemover
{
    private const int MaxSyllableLength = 7;
    private const string PinyinLetters = "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";

    private static readonly SearchValues<char> Letters = SearchValues.Create(PinyinLetters);

    public NormalisationPass Remove(string text)
    {
        var readings = Count(text);
        if (!readings.AnyToRemove)
        {
            return new NormalisationPass(MappedText.Identity(text), []);
        }
        var (kept, removed) = Remove(text, readings.WithToneless);
        return new NormalisationPass(kept, [Note(removed)]);
    }

    /// <summary>The readings in <paramref name="text"/>, tone-marked and toneless.</summary>
    public PinyinReadings Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Count(text, 0, text.Length);
    }

    /// <summary>The readings in characters [start, end) of <paramref name="text"/>.</summary>
    internal PinyinReadings Count(string text, int start, int end)
    {
        int toneMarked = 0, toneless = 0, toneMarkedCharacters = 0, tonelessCharacters = 0;
        for (var position = start; NextAnnotation(text, start, end, ref position, out var from, out var to, out var marked);)
        {
            if (marked)
            {
                toneMarked++;
                toneMarkedCharacters += to - from;
            }
            else
            {
                toneless++;
                tonelessCharacters += to - from;
            }
        }
        return new PinyinReadings(toneMarked, toneless, toneMarkedCharacters, tonelessCharacters);
    }

    /// <summary>Removes the tone-marked readings, and the toneless ones too when the document's count says so.</summary>
    public (MappedText Text, int Removed) Remove(string text, bool withToneless)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (kept, removed) = RemovePart(text, 0, text.Length, withToneless);
        return (kept ?? MappedText.Identity(text), removed);
    }

    /// <summary>
    /// <see cref="Remove(string, bool)"/> on characters [start, end) of <paramref name="text"/>: the kept part, its
    /// offsets counted from <paramref name="start"/>, or null when the part holds no reading to remove.
    /// </summary>
    internal (MappedText? Text, int Removed) RemovePart(string text, int start, int end, bool withToneless)
    {
        // Counted first, so that the map is allocated once at its size and no list of annotations is kept: a heavily
        // annotated input has one every ten characters.
        var found = Count(text, start, end);
        var removed = withToneless ? found.ToneMarked + found.Toneless : found.ToneMarked;
        if (removed == 0)
        {
            return (null, 0);
        }
        var map = new OffsetRuns(removed + 1);
        var at = start;
        for (var position = start; NextAnnotation(text, start, end, ref position, out var from, out var to, out var marked);)
        {
            if (marked || withToneless)
            {
                map.Copy(at - start, from - at);
                at = to;
            }
        }
        map.Copy(at - start, end - at);
        var length = map.Length;
        var runs = map.Build();
        // The kept text's length is known, so it is written straight into its string (no builder to copy from).
        var kept = string.Create(length, (text, start, runs.Runs, runs.Count), static (span, state) =>
        {
            var (source, origin, copies, count) = state;
            for (var r = 0; r < count; r++)
            {
                var runLength = (r + 1 < count ? copies[r + 1].Start : span.Length) - copies[r].Start;
                source.AsSpan(origin + copies[r].SourceStart, runLength).CopyTo(span[copies[r].Start..]);
            }
        });
        return (new MappedText(kept, runs, end - start), removed);
    }

    public static QualityNote Note(int removed) => new(QualityFlags.PinyinRemoved, $"removed {removed} pinyin annotations");

    /// <summary>
    /// The next bracketed run of 1-7 pinyin letters right after a Han character at or after <paramref name="position"/>
    /// and before <paramref name="end"/>, with whether it carries a tone mark; <paramref name="position"/> moves past it.
    /// </summary>
    private static bool NextAnnotation(string text, int start, int end, ref int position, out int from, out int to, out bool toneMarked)
    {
        while (position < end)
        {
            var next = text.AsSpan(position, end - position).IndexOfAny('(', '（');
            if (next < 0)
            {
                break;
            }
            var i = position + next;
            var close = i + 1;
            var marked = false;
            while (close < end && close - i - 1 <= MaxSyllableLength && Letters.Contains(text[close]))
            {
                marked |= text[close] > 0x7F && text[close] != 'ü';
                close++;
            }
            var length = close - i - 1;
            if (i > start && IsHan(text[i - 1]) && length is >= 1 and <= MaxSyllableLength
                && close < end && text[close] is ')' or '）')
            {
                (from, to, toneMarked) = (i, close + 1, marked);
                position = close + 1;
                return true;
            }
            position = i + 1;
        }
        position = end;
        (from, to, toneMarked) = (0, 0, false);
        return false;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF';
}
