using System.Runtime.InteropServices;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// Whether a path is a regular file. .NET shows a FIFO, a device and a socket as ordinary files of length 0, and
/// opening a FIFO blocks until something writes to it; so the kind is asked of the kernel (statx, whose layout is
/// the same on every Linux architecture) without following a link.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const ushort TypeMask = 0xF000;
    private const ushort Regular = 0x8000;

    /// <summary>True for a regular file; false for a link, FIFO, device, socket or directory, or a path that is not there.</summary>
    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere the attributes are all there is: a link is a reparse point, a directory is a directory.
            var info = new FileInfo(path);
            return info.Exists && (info.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device | FileAttributes.Directory)) == 0;
        }
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return false;
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == Regular;
    }

    /// <summary>True when an opened handle is a regular file (asked of the handle, so no path can be swapped meanwhile).</summary>
    public static bool IsRegularFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere handles come from paths whose kind was asked first (see BeneathRoot).
            return !handle.IsInvalid;
        }
        var buffer = new byte[256];
        if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxType, buffer) != 0)
        {
            return false;
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == Regular;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
