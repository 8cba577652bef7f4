namespace Medisettle.Runtime.Scheduling;

/// <summary>One request in an activation's mailbox.</summary>
internal interface IGrainCall
{
    string MethodName { get; }

    /// <summary>Runs the call on <paramref name="grain"/> as one turn; never throws (the outcome goes to the caller's task).</summary>
    Task RunAsync(object grain);

    void Fail(Exception exception);
}
