using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// The server folders a bulk job may ingest from, and the walk through one of them. A folder is named relative to
/// a root (or absolute inside one); it is canonicalised with every link resolved, so neither ".." nor a link leads
/// out. The walk skips links altogether (no loops, no /dev/zero behind a name) and takes regular files only; what
/// it skips is listed, with paths relative to the root, never absolute.
/// </summary>
public sealed class IngestRoots
{
    private const int MaxLinkDepth = 40;
    private readonly List<string> _roots;

    public IngestRoots(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => RealPath(Path.GetFullPath(r)))];
    }

    public bool Enabled => _roots.Count > 0;

    /// <summary>
    /// The folder a request names, as (root, path relative to it); a RequestException says why not: folder ingest off,
    /// outside every root, not a folder.
    /// </summary>
    public (string Root, string Relative) Resolve(string requested)
    {
        if (!Enabled)
        {
            throw new RequestException("server-side folder ingest is off: the operator allows it with ComparisonGrid:IngestRoots (folders jobs may read)");
        }
        if (string.IsNullOrWhiteSpace(requested) || requested.Contains('\0', StringComparison.Ordinal))
        {
            throw new RequestException("ingestFolder is empty or not a path");
        }
        foreach (var root in _roots)
        {
            string real;
            try
            {
                real = RealPath(Path.GetFullPath(requested, root));
            }
            catch (IOException)
            {
                continue;
            }
            if (IsInside(real, root) && Directory.Exists(real))
            {
                var relative = Path.GetRelativePath(root, real);
                return (root, relative);
            }
        }
        throw new RequestException($"ingestFolder {requested} is not a folder inside the ingest roots (relative to a root, or an absolute path inside one)");
    }

    /// <summary>Every regular file under the folder, in a stable order, and what was skipped with the reason.</summary>
    public static (List<string> Files, List<string> Skipped) Walk(string root, string relative)
    {
        ArgumentNullException.ThrowIfNull(root);
        var files = new List<string>();
        var skipped = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Path.Combine(root, relative));
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(folder).EnumerateFileSystemInfos()];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add($"{Path.GetRelativePath(root, folder)}: cannot list the folder");
                continue;
            }
            foreach (var entry in entries)
            {
                var name = Path.GetRelativePath(root, entry.FullName);
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 || entry.LinkTarget is not null)
                {
                    skipped.Add($"{name}: a symbolic link, not followed");
                }
                else if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else if (FileKinds.IsRegularFile(entry.FullName))
                {
                    files.Add(entry.FullName);
                }
                else
                {
                    skipped.Add($"{name}: not a regular file (a FIFO, device or socket), not read");
                }
            }
        }
        files.Sort(StringComparer.Ordinal);
        skipped.Sort(StringComparer.Ordinal);
        return (files, skipped);
    }

    private static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every link on the way resolved, as realpath(3); a loop or a chain too long is an IOException.</summary>
    private static string RealPath(string full, int depth = 0)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"more than {MaxLinkDepth} links on the way to {full}");
        }
        var resolved = Path.GetPathRoot(full) ?? "/";
        foreach (var part in full[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                next = RealPath(Path.GetFullPath(target, resolved), depth + 1);
            }
            resolved = next;
        }
        return resolved;
    }
}
