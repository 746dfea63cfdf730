using ComparisonGrid.Analysis;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>Reads input files; unreadable or oversized files become an input error, never an exception.</summary>
public static class SourceFiles
{
    /// <param name="limitSetting">How the user sets the size limit, named in the error (e.g. --max-size).</param>
    public static async Task<(SourceDocument? Document, InputError? Error)> ReadAsync(string path, ParseOptions options, string limitSetting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var info = new FileInfo(path);
            if (info.Length > options.MaxBytes)
            {
                // Refuse before reading: the limit exists so a stray huge file costs nothing.
                return (null, new InputError(path,
                    $"the file is {info.Length / 1024.0 / 1024.0:0.0} MB, over the limit of {options.MaxBytes / 1024.0 / 1024.0:0.#} MB ({limitSetting})"));
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
