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
    private const int ToneMarkedNeeded = 3;
    private const int MaxSyllableLength = 7;
    private const string PinyinLetters = "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";

    private static readonly SearchValues<char> Letters = SearchValues.Create(PinyinLetters);

    public NormalisationPass Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Counted first, so that the map is allocated once at its size and no list of annotations is kept: a heavily
        // annotated input has one every ten characters.
        int toneMarked = 0, toneless = 0;
        for (var position = 0; NextAnnotation(text, ref position, out _, out _, out var marked);)
        {
            if (marked)
            {
                toneMarked++;
            }
            else
            {
                toneless++;
            }
        }
        if (toneMarked == 0)
        {
            return new NormalisationPass(MappedText.Identity(text), []);
        }
        // Toneless syllables go only once the document has shown enough tone-marked readings.
        var withToneless = toneMarked >= ToneMarkedNeeded;
        var removed = withToneless ? toneMarked + toneless : toneMarked;
        var map = new OffsetRuns(removed + 1);
        var at = 0;
        for (var position = 0; NextAnnotation(text, ref position, out var start, out var end, out var marked);)
        {
            if (marked || withToneless)
            {
                map.Copy(at, start - at);
                at = end;
            }
        }
        map.Copy(at, text.Length - at);
        var length = map.Length;
        var runs = map.Build();
        // The kept text's length is known, so it is written straight into its string (no builder to copy from).
        var kept = string.Create(length, (text, runs.Runs, runs.Count), static (span, state) =>
        {
            var (source, copies, count) = state;
            for (var r = 0; r < count; r++)
            {
                var runLength = (r + 1 < count ? copies[r + 1].Start : span.Length) - copies[r].Start;
                source.AsSpan(copies[r].SourceStart, runLength).CopyTo(span[copies[r].Start..]);
            }
        });
        var note = new QualityNote(QualityFlags.PinyinRemoved, $"removed {removed} pinyin annotations");
        return new NormalisationPass(new MappedText(kept, runs, text.Length), [note]);
    }

    /// <summary>
    /// The next bracketed run of 1-7 pinyin letters right after a Han character at or after <paramref name="position"/>,
    /// with whether it carries a tone mark; <paramref name="position"/> moves past it.
    /// </summary>
    private static bool NextAnnotation(string text, ref int position, out int start, out int end, out bool toneMarked)
    {
        while (position < text.Length)
        {
            var next = text.AsSpan(position).IndexOfAny('(', '（');
            if (next < 0)
            {
                break;
            }
            var i = position + next;
            var close = i + 1;
            var marked = false;
            while (close < text.Length && close - i - 1 <= MaxSyllableLength && Letters.Contains(text[close]))
            {
                marked |= text[close] > 0x7F && text[close] != 'ü';
                close++;
            }
            var length = close - i - 1;
            if (i > 0 && IsHan(text[i - 1]) && length is >= 1 and <= MaxSyllableLength
                && close < text.Length && text[close] is ')' or '）')
            {
                (start, end, toneMarked) = (i, close + 1, marked);
                position = close + 1;
                return true;
            }
            position = i + 1;
        }
        position = text.Length;
        (start, end, toneMarked) = (0, 0, false);
        return false;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF';
}
