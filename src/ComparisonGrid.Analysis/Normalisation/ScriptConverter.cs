using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>Traditional → simplified script with OpenCC's dictionaries: phrases by longest match, then characters.</summary>
public sealed class ScriptConverter
{
    // Simplified text holds a few characters that are also traditional keys (著, 乾, 麼); below this share of
    // convertible Han characters the text is simplified and converting it would only damage it.
    private const double TraditionalShare = 0.03;

    private readonly OpenCcTables _dictionary;

    public ScriptConverter(OpenCcTables dictionary) => _dictionary = dictionary;

    public bool IsTraditional(string text)
    {
        var han = 0;
        var traditional = 0;
        foreach (var c in text)
        {
            if (!CommonCharacters.IsHan(c))
            {
                continue;
            }
            han++;
            if (_dictionary.Characters.ContainsKey(c))
            {
                traditional++;
            }
        }
        return han > 0 && (double)traditional / han >= TraditionalShare;
    }

    public NormalisationPass Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsTraditional(text))
        {
            return new NormalisationPass(MappedText.Identity(text), []);
        }
        var lookup = _dictionary.Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        var b = new MappedTextBuilder(text.Length, text.Length);
        var changed = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (_dictionary.PhraseStarts.Contains(c))
            {
                var matched = false;
                for (var len = Math.Min(_dictionary.MaxPhraseLength, text.Length - i); len >= 2; len--)
                {
                    if (lookup.TryGetValue(text.AsSpan(i, len), out var phrase))
                    {
                        AppendConverted(b, phrase, i, len);
                        changed += len;
                        i += len;
                        matched = true;
                        break;
                    }
                }
                if (matched)
                {
                    continue;
                }
            }
            if (_dictionary.Characters.TryGetValue(c, out var simplified))
            {
                b.Append(simplified, i, i + 1);
                changed++;
            }
            else
            {
                b.Append(c, i, i + 1);
            }
            i++;
        }
        var note = new QualityNote(QualityFlags.TraditionalScript,
            $"converted from traditional script ({changed} characters changed)");
        return new NormalisationPass(b.Build(), [note]);
    }

    private static void AppendConverted(MappedTextBuilder b, string phrase, int start, int length)
    {
        // Phrases nearly always keep their length; map one for one where they do, otherwise to the whole span.
        for (var k = 0; k < phrase.Length; k++)
        {
            if (phrase.Length == length)
            {
                b.Append(phrase[k], start + k, start + k + 1);
            }
            else
            {
                b.Append(phrase[k], start, start + length);
            }
        }
    }
}
