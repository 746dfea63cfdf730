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

    public NormalisationPass Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var annotations = Find(text);
        var toneMarked = annotations.Count(a => a.ToneMarked);
        if (toneMarked == 0)
        {
            return new NormalisationPass(MappedText.Identity(text), []);
        }
        // Toneless syllables go only once the document has shown enough tone-marked readings.
        if (toneMarked < ToneMarkedNeeded)
        {
            annotations.RemoveAll(a => !a.ToneMarked);
        }
        // The kept text's length is known, so it is written straight into its string (no builder to copy from).
        var length = text.Length - annotations.Sum(a => a.End - a.Start);
        var kept = string.Create(length, (text, annotations), static (span, state) =>
        {
            var (source, cuts) = state;
            var last = 0;
            foreach (var (start, end, _) in cuts)
            {
                source.AsSpan(last, start - last).CopyTo(span);
                span = span[(start - last)..];
                last = end;
            }
            source.AsSpan(last).CopyTo(span);
        });
        var map = new OffsetRuns(annotations.Count + 1);
        var at = 0;
        foreach (var (start, end, _) in annotations)
        {
            map.Copy(at, start - at);
            at = end;
        }
        map.Copy(at, text.Length - at);
        var note = new QualityNote(QualityFlags.PinyinRemoved, $"removed {annotations.Count} pinyin annotations");
        return new NormalisationPass(new MappedText(kept, map.Build(), text.Length), [note]);
    }

    /// <summary>Bracketed runs of 1-7 pinyin letters right after a Han character, with whether they carry a tone mark.</summary>
    private static List<(int Start, int End, bool ToneMarked)> Find(string text)
    {
        var found = new List<(int, int, bool)>();
        var i = text.AsSpan().IndexOfAny('(', '（');
        while (i >= 0 && i < text.Length)
        {
            var close = i + 1;
            var marked = false;
            while (close < text.Length && close - i - 1 <= MaxSyllableLength && PinyinLetters.Contains(text[close], StringComparison.Ordinal))
            {
                marked |= text[close] > 0x7F && text[close] != 'ü';
                close++;
            }
            var length = close - i - 1;
            if (i > 0 && IsHan(text[i - 1]) && length is >= 1 and <= MaxSyllableLength
                && close < text.Length && text[close] is ')' or '）')
            {
                found.Add((i, close + 1, marked));
                i = close + 1;
            }
            else
            {
                i++;
            }
            var next = text.AsSpan(i).IndexOfAny('(', '（');
            i = next < 0 ? -1 : i + next;
        }
        return found;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF';
}
