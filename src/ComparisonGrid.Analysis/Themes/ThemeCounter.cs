using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Themes;

/// <summary>
/// Counts theme terms in one pass over the report (leftmost-longest, so 巩固拓展脱贫攻坚成果 is one hit,
/// not two), per report and per top-level section, and scales them per 10,000 characters.
/// </summary>
public sealed class ThemeCounter
{
    private readonly ThemeLexicon _lexicon;

    public ThemeCounter(ThemeLexicon lexicon) => _lexicon = lexicon;

    public IReadOnlyList<ThemeScore> Count(string text, IReadOnlyList<Section> topSections)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(topSections);
        var themes = _lexicon.Themes;
        var totals = new int[themes.Count];
        var perSection = new int[themes.Count, topSections.Count];
        foreach (var (start, _, theme) in _lexicon.Terms.FindLongestNonOverlapping(text))
        {
            totals[theme]++;
            for (var s = 0; s < topSections.Count; s++)
            {
                if (start >= topSections[s].Start && start < topSections[s].End)
                {
                    perSection[theme, s]++;
                    break;
                }
            }
        }
        var characters = CountCharacters(text);
        var scores = new List<ThemeScore>();
        for (var t = 0; t < themes.Count; t++)
        {
            if (totals[t] == 0)
            {
                continue;
            }
            var sections = new List<SectionHits>();
            for (var s = 0; s < topSections.Count; s++)
            {
                if (perSection[t, s] > 0)
                {
                    sections.Add(new SectionHits(topSections[s].Number, perSection[t, s]));
                }
            }
            scores.Add(new ThemeScore(themes[t].Id, themes[t].Label, totals[t],
                characters == 0 ? 0 : Math.Round(totals[t] * 10000.0 / characters, 2), sections));
        }
        return [.. scores.OrderByDescending(s => s.Hits).ThenBy(s => s.Theme, StringComparer.Ordinal)];
    }

    /// <summary>Characters that carry text: blanked chrome and layout whitespace do not dilute a theme.</summary>
    public static int CountCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var n = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                n++;
            }
        }
        return n;
    }
}
