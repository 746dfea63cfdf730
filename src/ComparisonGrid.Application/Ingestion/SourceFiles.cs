using ComparisonGrid.Analysis;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>Reads input files; unreadable, oversized or special files become an input error, never an exception.</summary>
public static class SourceFiles
{
    /// <param name="limitSetting">How the user sets the size limit, named in the error (e.g. --max-size).</param>
    public static async Task<(SourceDocument? Document, InputError? Error)> ReadAsync(string path, ParseOptions options, string limitSetting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            // A FIFO would block the reader, a device would never end: only regular files are read (links to them too).
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            if (!FileKinds.IsRegularFile(target))
            {
                return (null, new InputError(path, "not a regular file (a FIFO, device, socket or dangling link), so it is not read"));
            }
            var info = new FileInfo(target);
            if (info.Length > options.MaxBytes)
            {
                // Refuse before reading: the limit exists so a stray huge file costs nothing.
                return (null, new InputError(path,
                    $"the file is {info.Length / 1024.0 / 1024.0:0.0} MB, over the limit of {Megabytes(options)} MB ({limitSetting})"));
            }
            // The length said when the file was looked at is no promise: the read stops at the limit whatever it finds.
            await using var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var buffer = new byte[(int)Math.Min(options.MaxBytes + 1, Math.Max(info.Length, 4096) + 1)];
            var read = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false)) > 0)
            {
                read += n;
                if (read == buffer.Length)
                {
                    if (buffer.Length > options.MaxBytes)
                    {
                        return (null, new InputError(path, $"the file holds more than the limit of {Megabytes(options)} MB ({limitSetting})"));
                    }
                    Array.Resize(ref buffer, (int)Math.Min(options.MaxBytes + 1, 2L * buffer.Length));
                }
            }
            return (new SourceDocument(path, buffer.AsMemory(0, read).ToArray()), null);
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

    private static string Megabytes(ParseOptions options) =>
        (options.MaxBytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
