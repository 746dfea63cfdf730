using System.Buffers;
using System.Collections.Frozen;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>OpenCC's traditional→simplified data: phrases (longest match first) and characters.</summary>
public sealed class OpenCcTables
{
    public OpenCcTables(string charactersFile, string phrasesFile)
    {
        var characters = new Dictionary<char, string>();
        foreach (var (key, value) in ReadEntries(charactersFile))
        {
            if (key.Length == 1 && value != key)
            {
                characters[key[0]] = value;
            }
        }
        var phrases = new Dictionary<string, string>();
        foreach (var (key, value) in ReadEntries(phrasesFile))
        {
            if (key.Length > 1)
            {
                phrases[key] = value;
            }
        }
        Characters = characters.ToFrozenDictionary();
        Phrases = phrases.ToFrozenDictionary();
        PhraseStarts = phrases.Keys.Select(k => k[0]).ToFrozenSet();
        MaxPhraseLength = phrases.Keys.DefaultIfEmpty("").Max(k => k.Length);
        LengthChangingCharacters = SearchValues.Create([.. characters.Where(p => p.Value.Length != 1).Select(p => p.Key)]);
        LengthChangingPhrases = [.. phrases.Where(p => p.Value.Length != p.Key.Length).Select(p => p.Key)];
    }

    public FrozenDictionary<char, string> Characters { get; }

    public FrozenDictionary<string, string> Phrases { get; }

    public FrozenSet<char> PhraseStarts { get; }

    public int MaxPhraseLength { get; }

    /// <summary>
    /// Characters whose simplified form has another length in UTF-16 (a few rare ones become characters outside the
    /// basic plane); a text without them, and without <see cref="LengthChangingPhrases"/>, converts to its own length.
    /// </summary>
    public SearchValues<char> LengthChangingCharacters { get; }

    public IReadOnlyList<string> LengthChangingPhrases { get; }

    public IEnumerable<KeyValuePair<string, string>> CharacterPairs =>
        Characters.Select(p => new KeyValuePair<string, string>(p.Key.ToString(), p.Value));

    private static IEnumerable<(string Key, string Value)> ReadEntries(string content)
    {
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }
            var values = line[(tab + 1)..];
            var space = values.IndexOf(' ', StringComparison.Ordinal);
            yield return (line[..tab], space < 0 ? values : values[..space]);
        }
    }
}
