using System.Text.RegularExpressions;
using ComparisonGrid.Analysis.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Removes pinyin readings that scraped pages put in brackets after a character: 報(bào)告 → 報告.
/// Only Latin letters in brackets right after a Han character are touched, and only when they carry a
/// tone mark, or when the document has already shown tone-marked readings (then toneless neutral-tone
/// syllables such as (de) go too).
/// </summary>
public sealed partial class PinyinAnnotationRemover
{
    private const int ToneMarkedNeeded = 3;

    [GeneratedRegex(@"(?<=[\u3400-\u4DBF\u4E00-\u9FFF])[(（](?<py>[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})[)）]")]
    private static partial Regex Annotation();

    public NormalisationPass Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = Annotation().Matches(text);
        var toneMarked = matches.Count(m => HasToneMark(m.Groups["py"].ValueSpan));
        if (toneMarked == 0)
        {
            return new NormalisationPass(MappedText.Identity(text), []);
        }
        var b = new MappedTextBuilder(text.Length, text.Length);
        var last = 0;
        var removed = 0;
        foreach (Match m in matches)
        {
            if (!HasToneMark(m.Groups["py"].ValueSpan) && toneMarked < ToneMarkedNeeded)
            {
                continue;
            }
            b.AppendSource(text, last, m.Index);
            last = m.Index + m.Length;
            removed++;
        }
        b.AppendSource(text, last, text.Length);
        var note = new QualityNote(QualityFlags.PinyinRemoved, $"removed {removed} pinyin annotations");
        return new NormalisationPass(b.Build(), [note]);
    }

    private static bool HasToneMark(ReadOnlySpan<char> syllable)
    {
        foreach (var c in syllable)
        {
            if (c > 0x7F && c != 'ü')
            {
                return true;
            }
        }
        return false;
    }
}
