namespace ComparisonGrid.TestKit;

/// <summary>The repository the tests run in, found from the test's build folder, and the folders tests read.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped sample reports (the seeds).</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The labelled reports (tests/corpus/dev, seeds' gold in tests/corpus/seeds).</summary>
    public static string Corpus => Path.Combine(Root, "tests", "corpus");

    /// <summary>The one sample whose name starts with the prefix (000 … 004).</summary>
    public static string Sample(string prefix) => Directory.EnumerateFiles(Samples, prefix + "_*").Single();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// A file of a project's build output under src/, of the configuration the tests themselves were built in (the
    /// gateway and cgrid as users run them, in processes of their own).
    /// </summary>
    public static string BuildOutput(string project, string file)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", file);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ComparisonGrid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("ComparisonGrid.sln not found above the test's build folder");
    }
}
