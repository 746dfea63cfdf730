using System.Collections.Frozen;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>Traditional → simplified script with OpenCC's dictionaries: phrases by longest match, then characters.</summary>
public sealed class ScriptConverter
{
    private readonly OpenCcTables _dictionary;

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phrases;

    public ScriptConverter(OpenCcTables dictionary)
    {
        _dictionary = dictionary;
        _phrases = dictionary.Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool IsTraditional(string text) => Share(text).IsTraditional;

    /// <summary>The text converts to its own length: a caller may size the result before converting.</summary>
    public bool KeepsLength(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(_dictionary.LengthChangingCharacters))
        {
            return false;
        }
        foreach (var phrase in _dictionary.LengthChangingPhrases)
        {
            if (text.Contains(phrase, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public ScriptShare Share(ReadOnlySpan<char> text)
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
        return new ScriptShare(han, traditional);
    }

    public NormalisationPass Convert(string text)
    {
        if (!IsTraditional(text))
        {
            return new NormalisationPass(MappedText.Identity(text), []);
        }
        var (mapped, changed) = Simplify(text);
        return new NormalisationPass(mapped, [Note(changed)]);
    }

    /// <summary>Converts without asking whether the text is traditional: for parts of a document already found to be.</summary>
    public (MappedText Text, int Changed) Simplify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SimplifyPart(text, 0, text.Length);
    }

    /// <summary><see cref="Simplify"/> on characters [start, end) of <paramref name="text"/>, offsets counted from <paramref name="start"/>.</summary>
    internal (MappedText Text, int Changed) SimplifyPart(string text, int start, int end)
    {
        // Conversions nearly always keep the length: then the result is written straight into its string, one copy of
        // the part; it is converted again through a builder only when one does not.
        var inPlace = new InPlaceConversion(this, text, start, end - start);
        var converted = string.Create(end - start, inPlace, static (span, conversion) => conversion.Fill(span));
        return inPlace.Complete ? (MappedText.Identity(converted), inPlace.Changed) : Rebuilt(text.AsSpan(start, end - start));
    }

    public static QualityNote Note(int changed) =>
        new(QualityFlags.TraditionalScript, $"converted from traditional script ({changed} characters changed)");

    private (MappedText Text, int Changed) Rebuilt(ReadOnlySpan<char> text)
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
    private (string? Replacement, int Length) Step(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (_dictionary.PhraseStarts.Contains(c))
        {
            for (var len = Math.Min(_dictionary.MaxPhraseLength, text.Length - i); len >= 2; len--)
            {
                if (_phrases.TryGetValue(text.Slice(i, len), out var phrase))
                {
                    return (phrase, len);
                }
            }
        }
        return (_dictionary.Characters.GetValueOrDefault(c), 1);
    }

    /// <summary>Converts characters [start, start + length) into a string of that length, and says whether every conversion fitted.</summary>
    private sealed class InPlaceConversion(ScriptConverter converter, string text, int start, int length)
    {
        public bool Complete { get; private set; }

        public int Changed { get; private set; }

        public void Fill(Span<char> target)
        {
            var part = text.AsSpan(start, length);
            for (var i = 0; i < part.Length;)
            {
                var step = converter.Step(part, i);
                if (step.Replacement is null)
                {
                    target[i] = part[i];
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
