using System.Text.Json;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Storage;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// How calls cross between silos: arguments and results as JSON by their declared types (through the same
/// source-generated contexts as grain state), observers as references back to the silo that holds them, and
/// exceptions by type name and message, so a caller catches the same exception types as with a local grain.
/// </summary>
internal sealed class CallCodec(GrainStateSerializer serializer, ObserverRegistry observers)
{
    private readonly JsonSerializerOptions _options = serializer.Options;

    /// <summary>Fails at start, naming the method and type, when a grain method could not cross between silos.</summary>
    public void Validate(MethodDispatcher method)
    {
        foreach (var type in method.Parameters.Where(t => !IsObserver(t)).Append(method.ResultType).OfType<Type>())
        {
            try
            {
                _options.GetTypeInfo(type);
            }
            catch (NotSupportedException e)
            {
                throw new InvalidOperationException(
                    $"{method.Name} uses {type.Name}, which no registered JSON context knows; add it to the grain JSON context (AddGrainJson)", e);
            }
        }
    }

    public void WriteArguments(Utf8JsonWriter writer, MethodDispatcher method, object?[] arguments, string selfAddress)
    {
        writer.WriteStartArray();
        for (var i = 0; i < arguments.Length; i++)
        {
            var type = method.Parameters[i];
            if (IsObserver(type) && arguments[i] is { } observer)
            {
                // A proxy passed on keeps pointing at the silo that holds the real observer.
                var (silo, id) = observer is ObserverProxy proxy ? (proxy.Silo, proxy.Id) : (selfAddress, observers.IdOf(observer));
                writer.WriteStartObject();
                writer.WriteString("silo", silo);
                writer.WriteString("id", id);
                writer.WriteEndObject();
            }
            else
            {
                JsonSerializer.Serialize(writer, arguments[i], _options.GetTypeInfo(type));
            }
        }
        writer.WriteEndArray();
    }

    public object?[] ReadArguments(JsonElement arguments, MethodDispatcher method, Func<Type, string, string, object> observerProxy)
    {
        if (arguments.GetArrayLength() != method.Parameters.Count)
        {
            throw new ArgumentException($"{method.Name} takes {method.Parameters.Count} arguments, the call brought {arguments.GetArrayLength()}");
        }
        var values = new object?[method.Parameters.Count];
        var i = 0;
        foreach (var element in arguments.EnumerateArray())
        {
            var type = method.Parameters[i];
            values[i++] = IsObserver(type) && element.ValueKind == JsonValueKind.Object
                ? observerProxy(type, element.GetProperty("silo").GetString()!, element.GetProperty("id").GetString()!)
                : element.Deserialize(_options.GetTypeInfo(type));
        }
        return values;
    }

    public void WriteResult(Utf8JsonWriter writer, MethodDispatcher method, Task completed)
    {
        writer.WriteStartObject();
        if (completed.IsCompletedSuccessfully)
        {
            writer.WritePropertyName("result");
            if (method.ResultType is { } type)
            {
                JsonSerializer.Serialize(writer, method.ResultOf(completed), _options.GetTypeInfo(type));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        else
        {
            var error = completed.Exception?.InnerException ?? new OperationCanceledException($"{method.Name} was cancelled");
            WriteError(writer, error);
        }
        writer.WriteEndObject();
    }

    public object? ReadResult(JsonElement result, MethodDispatcher method) =>
        method.ResultType is { } type ? result.Deserialize(_options.GetTypeInfo(type)) : null;

    public static void WriteError(Utf8JsonWriter writer, Exception error)
    {
        writer.WriteStartObject("error");
        writer.WriteString("type", error.GetType().Name);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }

    /// <summary>The exception a local call would have thrown; types a caller may act on keep their type.</summary>
    public static Exception ReadError(JsonElement error, string where)
    {
        var type = error.GetProperty("type").GetString();
        var message = error.GetProperty("message").GetString() ?? "";
        return type switch
        {
            nameof(ArgumentException) or nameof(ArgumentNullException) or nameof(ArgumentOutOfRangeException) => new ArgumentException(message),
            nameof(InvalidOperationException) => new InvalidOperationException(message),
            nameof(KeyNotFoundException) => new KeyNotFoundException(message),
            nameof(NotSupportedException) => new NotSupportedException(message),
            nameof(OperationCanceledException) or nameof(TaskCanceledException) => new OperationCanceledException(message),
            nameof(TimeoutException) => new TimeoutException(message),
            nameof(GrainCallTimeoutException) => new GrainCallTimeoutException(message),
            nameof(GrainCallCycleException) => new GrainCallCycleException(message),
            nameof(InconsistentStateException) => new InconsistentStateException(message),
            nameof(StorageUnavailableException) => new StorageUnavailableException(message),
            nameof(SiloUnavailableException) => new SiloUnavailableException(message),
            _ => new InvalidOperationException($"{type} on {where}: {message}"),
        };
    }

    public static bool IsObserver(Type type) => type.IsInterface && typeof(IGrainObserver).IsAssignableFrom(type);
}
