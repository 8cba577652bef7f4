namespace Medisettle.Runtime;

/// <summary>The activation's mailbox is full (<c>SiloOptions.MailboxCapacityMax</c>); the call was not queued.</summary>
public sealed class GrainOverloadedException : Exception
{
    public GrainOverloadedException(GrainId grainId, int mailboxCapacityMax)
        : base($"Grain {grainId} is overloaded: its mailbox holds MailboxCapacityMax={mailboxCapacityMax} calls; the call was rejected.")
    {
        GrainId = grainId;
    }

    public GrainId GrainId { get; }
}
