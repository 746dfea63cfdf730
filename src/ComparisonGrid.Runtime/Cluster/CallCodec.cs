using System.Buffers;
using System.Text.Json;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Cluster.Wire;
using ComparisonGrid.Runtime.Messaging;
using ComparisonGrid.Runtime.Storage;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>
/// The only reader and writer of the silo wire messages (Wire/silo_wire.proto): envelopes in protobuf, arguments
/// and results as JSON by their declared types (through the same source-generated contexts as grain state),
/// observers as references back to the silo that holds them, and exceptions by type name and message, so a caller
/// catches the same exception types as with a local grain.
/// </summary>
internal sealed class CallCodec(GrainStateSerializer serializer, GrainTypeMap types, ObserverRegistry observers)
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

    public byte[] EncodeCall(GrainType type, GrainId id, IWorkItem item, string selfAddress)
    {
        var envelope = new CallEnvelope { GrainType = type.Name, Key = id.Key, Method = item.Method.Name };
        for (var c = item.Chain; c is not null; c = c.Tail)
        {
            envelope.Chain.Add(new ChainLink { GrainType = c.Head.Type, Key = c.Head.Key });
        }
        WriteArguments(envelope.Arguments, item.Method, item.Arguments, selfAddress);
        return envelope.ToByteArray();
    }

    /// <summary>The call as this silo runs it; an unknown grain type or method is the caller's error (ArgumentException).</summary>
    public IncomingCall DecodeCall(ReadOnlySequence<byte> body, Func<Type, string, string, object> observerProxy)
    {
        var envelope = Parse(CallEnvelope.Parser, body);
        var type = types.Find(envelope.GrainType) ?? throw new ArgumentException($"no grain type \"{envelope.GrainType}\" is registered here");
        var method = type.ByName.GetValueOrDefault(envelope.Method) ?? throw new ArgumentException($"{type.Interface.Name} has no method {envelope.Method}");
        CallChain? chain = null;
        for (var i = envelope.Chain.Count - 1; i >= 0; i--)
        {
            chain = new CallChain(new GrainId(envelope.Chain[i].GrainType, envelope.Chain[i].Key), chain);
        }
        return new IncomingCall(type, new GrainId(type.Name, envelope.Key), method, chain, ReadArguments(envelope.Arguments, method, observerProxy));
    }

    public byte[] EncodeNotification(string observerId, MethodDispatcher method, object?[] arguments, string selfAddress)
    {
        var notification = new ObserverNotification { ObserverId = observerId, Method = method.Name };
        WriteArguments(notification.Arguments, method, arguments, selfAddress);
        return notification.ToByteArray();
    }

    public IncomingNotification DecodeNotification(ReadOnlySequence<byte> body)
    {
        var notification = Parse(ObserverNotification.Parser, body);
        return new IncomingNotification(notification.ObserverId, notification.Method, notification);
    }

    /// <summary>The notification's arguments, once the observer it names has told which method it is.</summary>
    public object?[] ArgumentsOf(IncomingNotification notification, MethodDispatcher method, Func<Type, string, string, object> observerProxy) =>
        ReadArguments(((ObserverNotification)notification.Message).Arguments, method, observerProxy);

    public byte[] EncodeAnswer(MethodDispatcher method, Task completed)
    {
        if (!completed.IsCompletedSuccessfully)
        {
            return EncodeError(completed.Exception?.InnerException ?? new OperationCanceledException($"{method.Name} was cancelled"));
        }
        var result = method.ResultType is { } type
            ? UnsafeByteOperations.UnsafeWrap(JsonSerializer.SerializeToUtf8Bytes(method.ResultOf(completed), _options.GetTypeInfo(type)))
            : ByteString.Empty;
        return new CallAnswer { Result = result }.ToByteArray();
    }

    public static byte[] EncodeError(Exception error) =>
        new CallAnswer { Error = new CallError { Type = error.GetType().Name, Message = error.Message } }.ToByteArray();

    public static byte[] EncodeMoved() => new CallAnswer { Moved = true }.ToByteArray();

    public RemoteAnswer DecodeAnswer(ReadOnlySequence<byte> body, MethodDispatcher method, string where)
    {
        var answer = Parse(CallAnswer.Parser, body);
        return answer.OutcomeCase switch
        {
            CallAnswer.OutcomeOneofCase.Result => new RemoteAnswer(RemoteOutcome.Result,
                method.ResultType is { } type ? JsonSerializer.Deserialize(answer.Result.Span, _options.GetTypeInfo(type)) : null, null),
            CallAnswer.OutcomeOneofCase.Error when ToException(answer.Error, where) is var error =>
                error is SiloUnavailableException ? new RemoteAnswer(RemoteOutcome.Moved, null, null) : new RemoteAnswer(RemoteOutcome.Error, null, error),
            _ => new RemoteAnswer(RemoteOutcome.Moved, null, null),
        };
    }

    private void WriteArguments(RepeatedField<Argument> into, MethodDispatcher method, object?[] arguments, string selfAddress)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            var type = method.Parameters[i];
            if (IsObserver(type) && arguments[i] is { } observer)
            {
                // A proxy passed on keeps pointing at the silo that holds the real observer.
                var (silo, id) = observer is ObserverProxy proxy ? (proxy.SiloAddress, proxy.Id) : (selfAddress, observers.IdOf(observer));
                into.Add(new Argument { Observer = new ObserverRef { SiloAddress = silo, Id = id } });
            }
            else
            {
                into.Add(new Argument { Json = UnsafeByteOperations.UnsafeWrap(JsonSerializer.SerializeToUtf8Bytes(arguments[i], _options.GetTypeInfo(type))) });
            }
        }
    }

    private object?[] ReadArguments(RepeatedField<Argument> arguments, MethodDispatcher method, Func<Type, string, string, object> observerProxy)
    {
        if (arguments.Count != method.Parameters.Count)
        {
            throw new ArgumentException($"{method.Name} takes {method.Parameters.Count} arguments, the call brought {arguments.Count}");
        }
        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var type = method.Parameters[i];
            values[i] = arguments[i].ValueCase switch
            {
                Argument.ValueOneofCase.Observer when IsObserver(type) => observerProxy(type, arguments[i].Observer.SiloAddress, arguments[i].Observer.Id),
                Argument.ValueOneofCase.Json => JsonSerializer.Deserialize(arguments[i].Json.Span, _options.GetTypeInfo(type)),
                _ => throw new ArgumentException($"{method.Name}: argument {i + 1} is neither a value nor an observer of {type.Name}"),
            };
        }
        return values;
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> body) where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"unreadable silo message: {e.Message}", e);
        }
    }

    /// <summary>The exception a local call would have thrown; types a caller may act on keep their type.</summary>
    private static Exception ToException(CallError error, string where) => error.Type switch
    {
        nameof(ArgumentException) or nameof(ArgumentNullException) or nameof(ArgumentOutOfRangeException) => new ArgumentException(error.Message),
        nameof(InvalidOperationException) => new InvalidOperationException(error.Message),
        nameof(KeyNotFoundException) => new KeyNotFoundException(error.Message),
        nameof(NotSupportedException) => new NotSupportedException(error.Message),
        nameof(OperationCanceledException) or nameof(TaskCanceledException) => new OperationCanceledException(error.Message),
        nameof(TimeoutException) => new TimeoutException(error.Message),
        nameof(GrainCallTimeoutException) => new GrainCallTimeoutException(error.Message),
        nameof(GrainCallCycleException) => new GrainCallCycleException(error.Message),
        nameof(InconsistentStateException) => new InconsistentStateException(error.Message),
        nameof(StorageUnavailableException) => new StorageUnavailableException(error.Message),
        nameof(SiloUnavailableException) => new SiloUnavailableException(error.Message),
        _ => new InvalidOperationException($"{error.Type} on {where}: {error.Message}"),
    };

    public static bool IsObserver(Type type) => type.IsInterface && typeof(IGrainObserver).IsAssignableFrom(type);
}
