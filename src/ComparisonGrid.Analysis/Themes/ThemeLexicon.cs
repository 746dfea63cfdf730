using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Themes;

/// <summary>The themes of themes.tsv and one automaton over all their terms.</summary>
public sealed class ThemeLexicon
{
    public ThemeLexicon(string tsv)
    {
        Themes = [.. DataFile.Rows(tsv).Select(r => r.Length >= 3
            ? new Theme(r[0], r[1], r[2].Split('|', StringSplitOptions.RemoveEmptyEntries))
            : throw new FormatException($"themes.tsv: a row needs id, label and terms: {string.Join(' ', r)}"))];
        Terms = new AhoCorasick<int>(Themes.SelectMany((t, i) => t.Terms.Select(term => (term, i))));
    }

    public IReadOnlyList<Theme> Themes { get; }

    public AhoCorasick<int> Terms { get; }
}
