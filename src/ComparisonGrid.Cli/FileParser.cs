using System.Security.Cryptography;
using ComparisonGrid.Analysis;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary>Reads and parses one input file; unreadable or oversized files become an input error, never an exception.</summary>
internal sealed class FileParser(ReportPipeline pipeline)
{
    /// <summary>The parse options of --text-column and --max-size (MB), shared by parse and ingest.</summary>
    public static ParseOptions Options(CommandLine cl)
    {
        ArgumentNullException.ThrowIfNull(cl);
        var maxMb = cl.Number("--max-size") ?? ParseOptions.DefaultMaxBytes / 1024.0 / 1024.0;
        return new ParseOptions(cl.Value("--text-column"), (long)(maxMb * 1024 * 1024));
    }

    public async Task<ParsedFile> ParseAsync(string path, ParseOptions options, CancellationToken ct)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > options.MaxBytes)
            {
                // Refuse before reading: the limit exists so a stray huge file costs nothing.
                return new ParsedFile(path, new ParseResult([], [new InputError(path,
                    $"the file is {info.Length / 1024.0 / 1024.0:0.0} MB, over the limit of {options.MaxBytes / 1024.0 / 1024.0:0.#} MB (--max-size)")]), null);
            }
            var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
            return new ParsedFile(path, pipeline.Parse(new SourceDocument(path, bytes), options), Convert.ToHexString(SHA256.HashData(bytes)));
        }
        catch (IOException e)
        {
            return new ParsedFile(path, new ParseResult([], [new InputError(path, $"cannot read: {e.Message}")]), null);
        }
        catch (UnauthorizedAccessException)
        {
            return new ParsedFile(path, new ParseResult([], [new InputError(path, "cannot read: permission denied")]), null);
        }
    }
}

/// <param name="ContentHash">SHA-256 of the file's bytes; null when it could not be read.</param>
internal sealed record ParsedFile(string Path, ParseResult Result, string? ContentHash)
{
    /// <summary>Identifies one report's source text: the same bytes and span give the same hash.</summary>
    public string SourceHash(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{ContentHash}:{report.Source.Start}-{report.Source.End}:{report.Source.Row}";
    }
}
