using ComparisonGrid.Analysis;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>Reads input files; unreadable, oversized or special files become an input error, never an exception.</summary>
public static class SourceFiles
{
    /// <param name="limitSetting">How the user sets the size limit, named in the error (e.g. --max-size).</param>
    /// <param name="beneath">
    /// A root the file must be read from without following any link (server-side folder jobs); null for a user's own
    /// files, where links to regular files are followed.
    /// </param>
    public static async Task<(SourceDocument? Document, InputError? Error)> ReadAsync(string path, ParseOptions options, string limitSetting, CancellationToken ct,
        string? beneath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var handle = beneath is null ? OpenFollowingLinks(path) : BeneathRoot.OpenRead(beneath, path);
            // Asked of the opened file: a FIFO would block the reader, a device would never end.
            if (handle is null || !FileKinds.IsRegularFile(handle))
            {
                return (null, new InputError(path, "not a regular file (a FIFO, device, socket or dangling link), so it is not read"));
            }
            var length = RandomAccess.GetLength(handle);
            if (length > options.MaxBytes)
            {
                // Refuse before reading: the limit exists so a stray huge file costs nothing.
                return (null, new InputError(path,
                    $"the file is {length / 1024.0 / 1024.0:0.0} MB, over the limit of {Megabytes(options)} MB ({limitSetting})"));
            }
            // The length said when the file was looked at is no promise: the read stops at the limit whatever it finds.
            await using var stream = new FileStream(handle, FileAccess.Read, 1);
            var buffer = new byte[(int)Math.Min(options.MaxBytes + 1, Math.Max(length, 4096) + 1)];
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

    /// <summary>The file a link leads to, opened only once it is known to be a regular file; null when it is not.</summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenFollowingLinks(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        return FileKinds.IsRegularFile(target) ? File.OpenHandle(target, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    private static string Megabytes(ParseOptions options) =>
        (options.MaxBytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
