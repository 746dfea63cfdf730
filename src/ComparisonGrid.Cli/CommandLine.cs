using ComparisonGrid.Benchmarks;

namespace ComparisonGrid.Cli;

/// <summary>Positional arguments and --options of one command; an option takes the next argument as value.</summary>
internal sealed class CommandLine : IBenchArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLine(List<string> positional, Dictionary<string, string?> options)
    {
        Positional = positional;
        _options = options;
    }

    public IReadOnlyList<string> Positional { get; }

    /// <param name="flags">Options that take no value.</param>
    /// <param name="valued">Options that take a value.</param>
    public static CommandLine Parse(IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> valued)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                positional.Add(a);
                continue;
            }
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? a[..eq] : a;
            if (flags.Contains(name))
            {
                options[name] = null;
            }
            else if (valued.Contains(name))
            {
                if (eq > 0)
                {
                    options[name] = a[(eq + 1)..];
                }
                else if (e.MoveNext())
                {
                    options[name] = e.Current;
                }
                else
                {
                    throw new UsageException($"option {name} needs a value");
                }
            }
            else
            {
                throw new UsageException($"unknown option {name}");
            }
        }
        return new CommandLine(positional, options);
    }

    /// <summary>The same options without the first positional argument (a sub-command's view).</summary>
    public static CommandLine Shift(CommandLine cl)
    {
        ArgumentNullException.ThrowIfNull(cl);
        return new CommandLine([.. cl.Positional.Skip(1)], new Dictionary<string, string?>(cl._options, StringComparer.Ordinal));
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public double? Number(string name)
    {
        var v = Value(name);
        if (v is null)
        {
            return null;
        }
        return double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0
            ? d
            : throw new UsageException($"option {name} needs a positive number, not '{v}'");
    }
}

internal sealed class UsageException(string message) : Exception(message);
