using System.Text.RegularExpressions;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Runtime.Tests;

/// <summary>
/// The runtime's namespaces form layers, as Orleans' runtime does: each may use only the layers below it. C# lets a
/// child namespace see its parent's types without a using, so the check reads which declared types each file names.
/// </summary>
public sealed partial class LayeringTests
{
    // Lower layers first; a namespace may name types only of layers strictly below its own.
    private static readonly string[][] Layers =
    [
        ["ComparisonGrid.Runtime.Storage", "ComparisonGrid.Runtime.Metrics", "ComparisonGrid.Runtime.Configuration", "ComparisonGrid.Runtime.Cluster.Wire"],
        ["ComparisonGrid.Runtime.Messaging"],
        ["ComparisonGrid.Runtime.Catalog", "ComparisonGrid.Runtime.Membership"],
        ["ComparisonGrid.Runtime.Cluster"],
        ["ComparisonGrid.Runtime"],
        ["ComparisonGrid.Runtime.Hosting"],
    ];

    private static readonly string Source = Repository.PathOf("src", "ComparisonGrid.Runtime");

    [Fact]
    public void Each_namespace_uses_only_the_layers_below_it()
    {
        var files = SourceFiles();
        var declared = DeclaredTypes(files);
        var rank = Layers.SelectMany((names, i) => names.Select(n => (n, i))).ToDictionary(p => p.n, p => p.i);
        var violations = new List<string>();
        foreach (var (path, ns, code) in files)
        {
            Assert.True(rank.ContainsKey(ns), $"{path}: namespace {ns} has no layer in this test");
            foreach (var name in Identifiers(code).Distinct())
            {
                if (declared.TryGetValue(name, out var home) && home != ns && rank[home] >= rank[ns])
                {
                    violations.Add($"{Path.GetRelativePath(Source, path)} ({ns}) uses {name} of {home}");
                }
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Only_the_codec_reads_and_writes_wire_messages()
    {
        var files = SourceFiles();
        var messages = WireMessages();
        Assert.Contains("CallEnvelope", messages);
        var users = files.Where(f => Identifiers(f.Code).Any(messages.Contains)).Select(f => Path.GetFileName(f.Path)).Distinct().ToList();
        Assert.Equal(["CallCodec.cs"], users);
    }

    [Fact]
    public void The_check_sees_a_layer_broken()
    {
        // The same reading on a made-up file in Messaging that names the silo: it must be reported.
        var declared = DeclaredTypes(SourceFiles());
        Assert.Equal("ComparisonGrid.Runtime", declared["Silo"]);
        Assert.Contains("Silo", Identifiers("internal sealed class Bad { private Silo? _silo; } // Activation in a comment"));
        Assert.Contains("MembershipView", Identifiers("internal Membership.MembershipView? View { get; }"));
        Assert.DoesNotContain("Silo", Identifiers("var address = proxy.Silo;"));
        Assert.DoesNotContain("Activation", Identifiers("var s = \"Activation\"; // Activation"));
    }

    private static List<(string Path, string Namespace, string Code)> SourceFiles() =>
        [.. Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(p)))
            .Select(f => (f.p, NamespaceLine().Match(f.Item2).Groups[1].Value, f.Item2))];

    private static Dictionary<string, string> DeclaredTypes(List<(string Path, string Namespace, string Code)> files)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, ns, code) in files)
        {
            foreach (Match m in Declaration().Matches(StripCommentsAndStrings(code)))
            {
                declared[m.Groups[1].Value] = ns;
            }
        }
        foreach (var message in WireMessages())
        {
            declared[message] = "ComparisonGrid.Runtime.Cluster.Wire";
        }
        return declared;
    }

    private static HashSet<string> WireMessages() =>
        [.. Directory.EnumerateFiles(Source, "*.proto", SearchOption.AllDirectories)
            .SelectMany(p => ProtoMessage().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))];

    // A name after an instance's member access (proxy.Silo, _view.Version) or declared with a built-in type
    // (string GrainType) is a member, not a type; after a capitalised qualifier (Membership.MembershipView) it may be a type.
    private static IEnumerable<string> Identifiers(string code)
    {
        var text = StripCommentsAndStrings(code);
        return Identifier().Matches(text)
            .Where(m => !InstanceMemberBefore().IsMatch(text.AsSpan(0, m.Index)))
            .Where(m => !BuiltInTypeBefore().IsMatch(text.AsSpan(0, m.Index)))
            .Select(m => m.Value);
    }

    private static string StripCommentsAndStrings(string code) => CommentOrString().Replace(code, " ");

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\b(?:class|record|interface|struct|enum)\s+(?:struct\s+)?([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^message\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ProtoMessage();

    [GeneratedRegex(@"(?:\b[a-z_]\w*|[)\]!])\.$")]
    private static partial Regex InstanceMemberBefore();

    [GeneratedRegex(@"\b(?:string|int|long|double|bool|object|var)\??\s+$")]
    private static partial Regex BuiltInTypeBefore();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
