using System.Reflection;
using System.Text;

namespace ComparisonGrid.Application.Export;

/// <summary>
/// codebook.md of an export archive: the fixed text (files, comparators, flags) and, per CSV file, its columns
/// with unit and meaning from Data/columns.tsv.
/// </summary>
public sealed class Codebook
{
    private readonly string _preamble;
    private readonly Dictionary<string, (string Unit, string Meaning)> _columns;

    private Codebook(string preamble, Dictionary<string, (string, string)> columns)
    {
        _preamble = preamble;
        _columns = columns;
    }

    public static Codebook Default { get; } = Load();

    /// <summary>Whether the codebook explains a column; every fixed column of every export must be.</summary>
    public bool Explains(string column) => _columns.ContainsKey(column);

    /// <summary>The codebook of the files given (name, kind of columns not listed, header).</summary>
    public string Render(IEnumerable<CodebookFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sb = new StringBuilder(_preamble.TrimEnd()).Append("\n\n## Files\n");
        foreach (var file in files)
        {
            sb.Append("\n### ").Append(file.Name).Append("\n\n").Append(file.Description).Append("\n\n| column | unit | meaning |\n| --- | --- | --- |\n");
            foreach (var column in file.Header)
            {
                var (unit, meaning) = _columns.TryGetValue(column, out var known) ? known : file.OtherColumns;
                sb.Append("| ").Append(column).Append(" | ").Append(unit).Append(" | ").Append(meaning).Append(" |\n");
            }
        }
        return sb.ToString();
    }

    private static Codebook Load()
    {
        var columns = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var line in Resource("columns.tsv").Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var cells = line.TrimEnd('\r').Split('\t');
            columns[cells[0]] = (cells[1], cells[2]);
        }
        return new Codebook(Resource("codebook.md"), columns);
    }

    private static string Resource(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"ComparisonGrid.Application.Export.Data.{name}")
            ?? throw new InvalidOperationException($"the build lost the resource Export/Data/{name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>A CSV file as the codebook describes it; columns not in the column list take <see cref="OtherColumns"/>.</summary>
public sealed record CodebookFile(string Name, string Description, IReadOnlyList<string> Header, (string Unit, string Meaning) OtherColumns = default);
