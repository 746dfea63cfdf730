using System.Linq.Expressions;
using System.Reflection;
using ComparisonGrid.Core;
using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Runtime.Messaging;

/// <summary>
/// How to call one grain interface method: a compiled invoker (no reflection per call), whether it is
/// read-only or one-way, and how to make the work item whose task the caller receives.
/// </summary>
internal sealed class MethodDispatcher
{
    private readonly Func<object, object?[], Task> _invoke;
    private readonly Func<MethodDispatcher, object?[], CallChain?, IWorkItem> _createItem;
    private readonly Func<Task, object?>? _result;

    private MethodDispatcher(MethodInfo method, Type? result, Func<object, object?[], Task> invoke,
        Func<MethodDispatcher, object?[], CallChain?, IWorkItem> createItem)
    {
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        Parameters = [.. method.GetParameters().Select(p => p.ParameterType)];
        ResultType = result;
        _result = result is null ? null : (Func<Task, object?>)typeof(MethodDispatcher)
            .GetMethod(nameof(ResultGetter), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(result)
            .Invoke(null, null)!;
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: true);
        IsOneWay = method.IsDefined(typeof(OneWayAttribute), inherit: true);
        _invoke = invoke;
        _createItem = createItem;
    }

    public string Name { get; }

    /// <summary>This method's calls on this silo; the silo's type map binds them to its metrics.</summary>
    public MethodCounters Counters { get; set; } = new();

    public bool IsReadOnly { get; }

    public bool IsOneWay { get; }

    /// <summary>The declared parameter types, which say how each argument crosses between silos.</summary>
    public IReadOnlyList<Type> Parameters { get; }

    /// <summary>T of Task&lt;T&gt;; null for a plain Task.</summary>
    public Type? ResultType { get; }

    public Task Invoke(object grain, object?[] arguments) => _invoke(grain, arguments);

    /// <summary>The value of a completed Task&lt;T&gt; of this method, without reflection per call.</summary>
    public object? ResultOf(Task completed) => _result?.Invoke(completed);

    public IWorkItem CreateItem(object?[] arguments, CallChain? chain) => _createItem(this, arguments, chain);

    public static MethodDispatcher For(MethodInfo method)
    {
        var returns = method.ReturnType;
        Type result;
        if (returns == typeof(Task))
        {
            result = typeof(object);
        }
        else if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            result = returns.GetGenericArguments()[0];
        }
        else
        {
            throw new NotSupportedException(
                $"{method.DeclaringType!.Name}.{method.Name} returns {returns.Name}: grain methods return Task or Task<T>.");
        }
        if (method.IsDefined(typeof(OneWayAttribute), true) && returns != typeof(Task))
        {
            throw new NotSupportedException($"{method.DeclaringType!.Name}.{method.Name} is one-way and must return Task.");
        }
        var factory = (Func<MethodDispatcher, object?[], CallChain?, IWorkItem>)typeof(MethodDispatcher)
            .GetMethod(nameof(ItemFactory), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(result)
            .Invoke(null, null)!;
        return new MethodDispatcher(method, returns == typeof(Task) ? null : result, CompileInvoker(method), factory);
    }

    private static Func<Task, object?> ResultGetter<TResult>() => static t => ((Task<TResult>)t).Result;

    private static Func<MethodDispatcher, object?[], CallChain?, IWorkItem> ItemFactory<TResult>() =>
        static (m, args, chain) => new WorkItem<TResult>(m, args, chain);

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, args).Compile();
    }
}
