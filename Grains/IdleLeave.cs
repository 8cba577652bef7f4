namespace Medisettle.Grains;

/// <summary>
/// Makes a grain leave memory once it has gone one whole period of its own timer without a call: it leaves between one
/// and two periods after its last call, and a later call activates it again from storage. Used instead of Orleans'
/// collector (<c>CollectionAge</c>, 10 minutes, swept once a minute) for grains that are many and soon idle, whose
/// activations the GC would otherwise have to look through, and whose sweeps showed in the latency as bursts.
/// </summary>
public sealed class IdleLeave
{
    private readonly IGrainBase _grain;

    /// <summary>Whether a call came since the timer's last tick.</summary>
    private bool _called;

    private IdleLeave(IGrainBase grain) => _grain = grain;

    /// <summary>Starts the timer for <paramref name="grain"/>; call from its <c>OnActivateAsync</c>.</summary>
    public static IdleLeave Start(IGrainBase grain, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var leave = new IdleLeave(grain);
        grain.RegisterGrainTimer(leave.Tick, new GrainTimerCreationOptions(period, period) { KeepAlive = false });
        return leave;
    }

    /// <summary>
    /// Marks the grain as used in this period; call on each call it takes. The timer's ticks are messages to the grain
    /// too: a grain that calls this from an incoming call filter must not count them.
    /// </summary>
    public void Called() => _called = true;

    private Task Tick(CancellationToken cancellationToken)
    {
        if (!_called)
        {
            _grain.DeactivateOnIdle();
        }

        _called = false;
        return Task.CompletedTask;
    }
}
