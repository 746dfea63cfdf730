using System.Collections.Frozen;
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

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phrases;

    public ScriptConverter(OpenCcTables dictionary)
    {
        _dictionary = dictionary;
        _phrases = dictionary.Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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
        // Conversions nearly always keep the length: then the result is written straight into its string, one copy of
        // the text; a text of tens of megabytes is converted again through a builder only when one does not.
        var inPlace = new InPlaceConversion(this, text);
        var converted = string.Create(text.Length, inPlace, static (span, conversion) => conversion.Fill(span));
        var (mapped, changed) = inPlace.Complete ? (MappedText.Identity(converted), inPlace.Changed) : Rebuilt(text);
        var note = new QualityNote(QualityFlags.TraditionalScript,
            $"converted from traditional script ({changed} characters changed)");
        return new NormalisationPass(mapped, [note]);
    }

    private (MappedText Text, int Changed) Rebuilt(string text)
    {
        var b = new MappedTextBuilder(text.Length);
        var changed = 0;
        for (var i = 0; i < text.Length;)
        {
            var step = Step(text, i);
            if (step.Replacement is null)
            {
                b.Append(text[i], i, i + 1);
                i++;
                continue;
            }
            // Phrases nearly always keep their length: map one for one where they do, otherwise to the whole span.
            for (var k = 0; k < step.Replacement.Length; k++)
            {
                if (step.Replacement.Length == step.Length)
                {
                    b.Append(step.Replacement[k], i + k, i + k + 1);
                }
                else
                {
                    b.Append(step.Replacement[k], i, i + step.Length);
                }
            }
            changed += step.Length;
            i += step.Length;
        }
        return (b.Build(), changed);
    }

    /// <summary>
    /// What replaces the text at <paramref name="i"/>: the longest phrase that starts there, else the character's
    /// simplified form; null when the character stays as it is.
    /// </summary>
    private (string? Replacement, int Length) Step(string text, int i)
    {
        var c = text[i];
        if (_dictionary.PhraseStarts.Contains(c))
        {
            for (var len = Math.Min(_dictionary.MaxPhraseLength, text.Length - i); len >= 2; len--)
            {
                if (_phrases.TryGetValue(text.AsSpan(i, len), out var phrase))
                {
                    return (phrase, len);
                }
            }
        }
        return (_dictionary.Characters.GetValueOrDefault(c), 1);
    }

    /// <summary>Converts into a string of the text's length, and says whether every conversion fitted.</summary>
    private sealed class InPlaceConversion(ScriptConverter converter, string text)
    {
        public bool Complete { get; private set; }

        public int Changed { get; private set; }

        public void Fill(Span<char> target)
        {
            for (var i = 0; i < text.Length;)
            {
                var step = converter.Step(text, i);
                if (step.Replacement is null)
                {
                    target[i] = text[i];
                    i++;
                    continue;
                }
                if (step.Replacement.Length != step.Length)
                {
                    return;
                }
                step.Replacement.CopyTo(target[i..]);
                Changed += step.Length;
                i += step.Length;
            }
            Complete = true;
        }
    }
}
