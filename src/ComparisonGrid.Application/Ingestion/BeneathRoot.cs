using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// Opens a file beneath a root without following a link at any step, so a file or folder swapped for a link after
/// the folder was listed cannot lead the read outside the root. Linux 5.6 and later do it in one call (openat2 with
/// RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS); older kernels and other systems open the path and then compare where
/// the opened file really is with where it was asked for: any link on the way makes the two differ.
/// </summary>
public static partial class BeneathRoot
{
    private const long SysOpenat2 = 437;
    private const ulong ReadOnlyNonBlocking = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC: a FIFO opens without waiting for a writer.
    private const ulong PathOnly = 0x200000 | 0x80000; // O_PATH | O_CLOEXEC
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveNoSymlinks = 0x04;
    private const ulong ResolveBeneath = 0x08;
    private const int Enosys = 38;
    private const int Eloop = 40;
    private const int Exdev = 18;
    private const int Enoent = 2;

    /// <summary>
    /// The file at <paramref name="path"/>, which must lie beneath <paramref name="root"/> (a real path, links
    /// resolved), opened for reading; an IOException says why not (a link on the way, outside the root, gone).
    /// </summary>
    public static SafeFileHandle OpenRead(string root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var relative = Path.GetRelativePath(root, path);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new IOException("outside the ingest root, not read");
        }
        if (OperatingSystem.IsLinux() && TryOpenat2(root, relative) is { } handle)
        {
            return handle;
        }
        return OpenAndCompare(root, Path.Combine(root, relative));
    }

    /// <summary>openat2 relative to the root; null where the kernel does not have it.</summary>
    private static SafeFileHandle? TryOpenat2(string root, string relative)
    {
        var rootFd = Open(root, (int)PathOnly, 0);
        if (rootFd < 0)
        {
            throw new IOException($"cannot open the ingest root: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        try
        {
            var how = new OpenHow { Flags = ReadOnlyNonBlocking, Resolve = ResolveBeneath | ResolveNoSymlinks | ResolveNoMagicLinks };
            var fd = Openat2(SysOpenat2, rootFd, relative, ref how, (nuint)Marshal.SizeOf<OpenHow>());
            if (fd >= 0)
            {
                return new SafeFileHandle((nint)fd, ownsHandle: true);
            }
            var error = Marshal.GetLastPInvokeError();
            return error == Enosys ? null : throw Refused(error);
        }
        finally
        {
            _ = Close(rootFd);
        }
    }

    private static SafeFileHandle OpenAndCompare(string root, string expected)
    {
        // The kind is asked first (no link followed) so a FIFO never blocks the open; a swap in between is caught below.
        if (!FileKinds.IsRegularFile(expected))
        {
            throw new IOException("not a regular file (a link, FIFO, device or socket), not read");
        }
        var handle = File.OpenHandle(expected, FileMode.Open, FileAccess.Read, FileShare.Read);
        var opened = OperatingSystem.IsLinux() ? new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget : expected;
        if (opened != expected || !opened.StartsWith(root, StringComparison.Ordinal))
        {
            handle.Dispose();
            throw new IOException("a symbolic link on the way, not followed");
        }
        return handle;
    }

    private static IOException Refused(int error) => new(error switch
    {
        Eloop => "a symbolic link on the way, not followed",
        Exdev => "leads outside the ingest root, not read",
        Enoent => "no longer there",
        _ => Marshal.GetPInvokeErrorMessage(error),
    });

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "syscall", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial long Openat2(long number, int directory, string path, ref OpenHow how, nuint size);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
