using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// CJK radicals that stand for an ideograph (⼀ for 一, ⺠ for 民), as PDF text layers and text copied from PDFs carry
/// them, to that ideograph (radical-ideographs.tsv). One character for one, so offsets are unchanged.
/// </summary>
internal static class RadicalForms
{
    public const char First = '\u2E80';
    public const char Last = '\u2FDF';

    // Read once and never written: a table over the two radical blocks, '\0' where a radical has no ideograph.
    private static readonly char[] Table = Load();

    public static void NormaliseInPlace(Span<char> chars)
    {
        for (var i = chars.IndexOfAnyInRange(First, Last); i >= 0; i = Next(chars, i + 1))
        {
            if (Table[chars[i] - First] is not '\0' and var ideograph)
            {
                chars[i] = ideograph;
            }
        }
    }

    private static int Next(Span<char> chars, int from) =>
        from >= chars.Length ? -1 : chars[from..].IndexOfAnyInRange(First, Last) is var at and >= 0 ? from + at : -1;

    private static char[] Load()
    {
        var table = new char[Last - First + 1];
        foreach (var row in DataFile.Rows(AnalysisResources.Read("lexicons.radical-ideographs.tsv")))
        {
            table[row[0][0] - First] = row[1][0];
        }
        return table;
    }
}
