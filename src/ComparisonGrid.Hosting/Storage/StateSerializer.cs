using System.Text.Json;
using ComparisonGrid.Core;
using MessagePack;
using MessagePack.Resolvers;

namespace ComparisonGrid.Hosting.Storage;

/// <summary>
/// Grain state as stored, in both stores: MessagePack with members and enum values by name (no CLR type names, so a
/// renamed or moved type still reads), LZ4-compressed (a report's state is mostly its Chinese source text). Rows
/// written by releases before Orleans hold JSON text, which is read as such until the state is written again.
/// </summary>
public sealed class StateSerializer : IGrainStorageSerializer
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance))
        .WithCompression(MessagePackCompression.Lz4BlockArray);

    private static readonly JsonSerializerOptions LegacyJson = JsonConventions.Storage();

    public BinaryData Serialize<T>(T? input) => new(MessagePackSerializer.Serialize(input, Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MessagePackSerializer.Deserialize<T>(input.ToMemory(), Options);
    }

    /// <summary>A stored payload: MessagePack bytes, or the JSON text of a row an earlier release wrote.</summary>
    public T Read<T>(object payload) => payload switch
    {
        byte[] bytes => MessagePackSerializer.Deserialize<T>(bytes, Options),
        string json => JsonSerializer.Deserialize<T>(json, LegacyJson)!,
        _ => throw new InvalidDataException($"a stored state is neither MessagePack nor JSON ({payload.GetType().Name})"),
    };
}
