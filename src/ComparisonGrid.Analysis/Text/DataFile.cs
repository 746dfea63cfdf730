namespace ComparisonGrid.Analysis.Text;

/// <summary>Reads the project's tab-separated data files: '#' starts a comment line, blank lines are skipped.</summary>
internal static class DataFile
{
    public static IEnumerable<string[]> Rows(string content)
    {
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            yield return line.Split('\t');
        }
    }
}
