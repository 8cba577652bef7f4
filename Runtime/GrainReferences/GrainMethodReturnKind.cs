namespace Medisettle.Runtime.GrainReferences;

internal enum GrainMethodReturnKind
{
    /// <summary>Task or Task{T}: the call's task is returned as is.</summary>
    Task = 0,
    ValueTask = 1,
    ValueTaskOfResult = 2,
}
