namespace Medisettle.Runtime.Scheduling;

/// <summary>The result type of grain methods returning <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
internal readonly struct VoidResult
{
    public static readonly Task<VoidResult> Completed = Task.FromResult(default(VoidResult));

    public static Task<VoidResult> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? Completed : AwaitAsync(task);

    public static Task<VoidResult> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? Completed : AwaitAsync(task.AsTask());

    private static async Task<VoidResult> AwaitAsync(Task task)
    {
        await task;
        return default;
    }
}
