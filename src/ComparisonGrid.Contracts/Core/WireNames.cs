using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ComparisonGrid.Core;

/// <summary>
/// The name an enum value has outside the process (JSON, query strings, tables, database columns): its
/// [JsonStringEnumMemberName], so every place writes and reads the names JSON uses.
/// </summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no such value");

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByName.TryGetValue(text ?? "", out value);

    /// <summary>Every wire name in declaration order, for error messages that list the choices.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.InOrder;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder;
        public static readonly FrozenDictionary<TEnum, string> ByValue;
        public static readonly FrozenDictionary<string, TEnum> ByName;

#pragma warning disable CA1810 // the three tables come from one pass over the fields
        static Names()
#pragma warning restore CA1810
        {
            var fields = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => ((TEnum)f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{f.Name} has no [JsonStringEnumMemberName]")))
                .ToList();
            InOrder = [.. fields.Select(f => f.Item2)];
            ByValue = fields.ToFrozenDictionary(f => f.Item1, f => f.Item2);
            ByName = fields.ToFrozenDictionary(f => f.Item2, f => f.Item1, StringComparer.Ordinal);
        }
    }
}
