using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>Ranks review figures by the scope their sentence names (achievement-scope.tsv): the whole region over a part.</summary>
public sealed class AchievementScope
{
    /// <summary>The rank of a sentence about the whole region, the highest.</summary>
    public const int Whole = 1;

    private readonly string[] _whole;
    private readonly string[] _part;
    private readonly string[] _ranking;

    public AchievementScope(string tsv)
    {
        var rows = DataFile.Rows(tsv).ToDictionary(r => r[0], r => r[1].Split('|', StringSplitOptions.RemoveEmptyEntries));
        _whole = rows.GetValueOrDefault("whole") ?? throw new FormatException("achievement-scope.tsv: no 'whole' row");
        _part = rows.GetValueOrDefault("part") ?? throw new FormatException("achievement-scope.tsv: no 'part' row");
        _ranking = rows.GetValueOrDefault("ranking") ?? [];
    }

    /// <summary>1 for a whole-region sentence, -1 for one about a part, 0 when it says neither.</summary>
    public int Rank(ReadOnlySpan<char> sentence)
    {
        foreach (var word in _part)
        {
            if (sentence.Contains(word, StringComparison.Ordinal))
            {
                return -1;
            }
        }
        foreach (var word in _whole)
        {
            for (var at = sentence.IndexOf(word, StringComparison.Ordinal); at >= 0;)
            {
                if (!RankedAt(sentence, at))
                {
                    return Whole;
                }
                var next = sentence[(at + word.Length)..].IndexOf(word, StringComparison.Ordinal);
                at = next < 0 ? -1 : at + word.Length + next;
            }
        }
        return 0;
    }

    private bool RankedAt(ReadOnlySpan<char> sentence, int at)
    {
        foreach (var word in _ranking)
        {
            if (at >= word.Length && sentence.Slice(at - word.Length, word.Length).SequenceEqual(word))
            {
                return true;
            }
        }
        return false;
    }
}
