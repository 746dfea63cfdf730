namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// The pinyin readings found in a document: the decision which of them go is the document's, not a paragraph's,
/// so counts from parts of a text add up before any part is changed.
/// </summary>
/// <param name="ToneMarkedCharacters">Characters the tone-marked readings take, brackets included.</param>
/// <param name="TonelessCharacters">Characters the toneless readings take, brackets included.</param>
public readonly record struct PinyinReadings(int ToneMarked, int Toneless, int ToneMarkedCharacters, int TonelessCharacters)
{
    private const int ToneMarkedNeeded = 3;

    /// <summary>Readings go only when some carry a tone mark: bracketed Latin letters alone may be anything.</summary>
    public bool AnyToRemove => ToneMarked > 0;

    /// <summary>Toneless syllables such as (de) go only once the document has shown enough tone-marked readings.</summary>
    public bool WithToneless => ToneMarked >= ToneMarkedNeeded;

    public int ToRemove => WithToneless ? ToneMarked + Toneless : ToneMarked;

    public int CharactersToRemove => WithToneless ? ToneMarkedCharacters + TonelessCharacters : ToneMarkedCharacters;

    public static PinyinReadings operator +(PinyinReadings a, PinyinReadings b) =>
        new(a.ToneMarked + b.ToneMarked, a.Toneless + b.Toneless, a.ToneMarkedCharacters + b.ToneMarkedCharacters, a.TonelessCharacters + b.TonelessCharacters);

    public static PinyinReadings Add(PinyinReadings left, PinyinReadings right) => left + right;
}
