namespace ComparisonGrid.Hosting.Storage;

/// <summary>
/// Files that hold secrets or state (keys, databases) are readable by their owner alone, whatever the umask: another
/// local user must not read an API key, a private key or the reports in a database.
/// </summary>
public static class OwnerOnlyFiles
{
    public static void WriteAllText(string path, string text)
    {
        File.WriteAllText(path, "");
        Restrict(path);
        File.WriteAllText(path, text);
    }

    /// <summary>Takes group and other permissions away from <paramref name="path"/>, if it exists.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
