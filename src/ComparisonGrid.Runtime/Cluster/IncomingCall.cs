using ComparisonGrid.Runtime.Messaging;

namespace ComparisonGrid.Runtime.Cluster;

/// <summary>A call another silo sent, decoded: what to run, on which grain, for which chain of waiting callers.</summary>
internal sealed record IncomingCall(GrainType Type, GrainId Id, MethodDispatcher Method, CallChain? Chain, object?[] Arguments);
