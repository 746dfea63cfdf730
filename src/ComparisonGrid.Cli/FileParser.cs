using ComparisonGrid.Analysis;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary>Reads input files; unreadable or oversized files become an input error, never an exception.</summary>
internal static class FileParser
{
    /// <summary>The parse options of --text-column and --max-size (MB), shared by parse and ingest.</summary>
    public static ParseOptions Options(CommandLine cl)
    {
        ArgumentNullException.ThrowIfNull(cl);
        var maxMb = cl.Number("--max-size") ?? ParseOptions.DefaultMaxBytes / 1024.0 / 1024.0;
        return new ParseOptions(cl.Value("--text-column"), (long)(maxMb * 1024 * 1024));
    }

    public static async Task<(SourceDocument? Document, InputError? Error)> ReadAsync(string path, ParseOptions options, CancellationToken ct)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > options.MaxBytes)
            {
                // Refuse before reading: the limit exists so a stray huge file costs nothing.
                return (null, new InputError(path,
                    $"the file is {info.Length / 1024.0 / 1024.0:0.0} MB, over the limit of {options.MaxBytes / 1024.0 / 1024.0:0.#} MB (--max-size)"));
            }
            return (new SourceDocument(path, await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false)), null);
        }
        catch (IOException e)
        {
            return (null, new InputError(path, $"cannot read: {e.Message}"));
        }
        catch (UnauthorizedAccessException)
        {
            return (null, new InputError(path, "cannot read: permission denied"));
        }
    }
}
