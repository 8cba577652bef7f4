namespace Medisettle.Runtime.Scheduling;

/// <summary>A call carrying its compiled invoker and arguments; it is its own completion source (one allocation per call).</summary>
internal sealed class GrainCall<TResult>(Func<object, object?[], Task<TResult>> invoker, object?[] arguments, string methodName)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IGrainCall
{
    public string MethodName { get; } = methodName;

    public Task RunAsync(object grain)
    {
        Task<TResult> result;
        try
        {
            result = invoker(grain, arguments);
        }
        catch (Exception exception)
        {
            TrySetException(exception);
            return System.Threading.Tasks.Task.CompletedTask;
        }

        if (result.IsCompletedSuccessfully)
        {
            TrySetResult(result.Result);
            return System.Threading.Tasks.Task.CompletedTask;
        }

        return AwaitAsync(result);
    }

    public void Fail(Exception exception) => TrySetException(exception);

    private async Task AwaitAsync(Task<TResult> result)
    {
        try
        {
            TrySetResult(await result);
        }
        catch (Exception exception)
        {
            TrySetException(exception);
        }
    }
}
