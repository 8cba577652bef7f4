using System.Collections.Concurrent;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.GrainReferences;
using Medisettle.Runtime.Scheduling;
using Medisettle.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Runtime.Catalog;

/// <summary>
/// The silo's activations by <see cref="GrainId"/> (Orleans: <c>Catalog</c>). The first call to a key
/// creates its activation: concurrent first calls race on one dictionary insert and only the winner is
/// ever constructed, so there is exactly one activation per key. The catalog holds at most
/// <see cref="SiloOptions.ActivationCountMax"/> activations.
/// </summary>
internal sealed partial class GrainCatalog
{
    private const int DeliveryAttemptsMax = 16;

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly GrainTypeRegistry _registry;
    private readonly ILogger<GrainCatalog> _log;
    private readonly Lock _evictionLock = new();
    private Task<bool> _eviction = Task.FromResult(true);
    private int _count;
    private long _activationsCreated;
    private volatile bool _stopping;

    public GrainCatalog(IOptions<SiloOptions> options, TimeProvider time, GrainTypeRegistry registry, IServiceProvider services, IGrainStorage storage, ILogger<GrainCatalog> log)
    {
        Options = options.Value;
        Time = time;
        _registry = registry;
        _log = log;
        Activator = new GrainActivator(services, storage, Options);
        GrainFactory = new GrainFactory(this, registry);
    }

    public SiloOptions Options { get; }

    public TimeProvider Time { get; }

    public GrainActivator Activator { get; }

    public GrainFactory GrainFactory { get; }

    /// <summary>Activations in the catalog now.</summary>
    public int ActivationCount => Volatile.Read(ref _count);

    /// <summary>Grains activated since start (OnActivateAsync succeeded).</summary>
    public long ActivationsCreated => Interlocked.Read(ref _activationsCreated);

    public Task<TResult> InvokeAsync<TResult>(GrainId grainId, GrainCall<TResult> call)
    {
        Deliver(grainId, call);
        return Options.CallTimeout == Timeout.InfiniteTimeSpan ? call.Task : WithTimeoutAsync(grainId, call);
    }

    internal void Deliver(GrainId grainId, IGrainCall call)
    {
        if (_stopping)
        {
            call.Fail(new SiloUnavailableException($"The silo is shutting down; call {grainId}.{call.MethodName} was not delivered."));
            return;
        }

        if (_activations.TryGetValue(grainId, out var activation))
        {
            switch (activation.TryEnqueue(call))
            {
                case EnqueueResult.Enqueued:
                    return;
                case EnqueueResult.Overloaded:
                    call.Fail(new GrainOverloadedException(grainId, Options.MailboxCapacityMax));
                    return;
            }
        }

        _ = DeliverSlowAsync(grainId, call);
    }

    internal void Redeliver(GrainId grainId, List<IGrainCall> calls)
    {
        foreach (var call in calls)
        {
            Deliver(grainId, call);
        }
    }

    private async Task DeliverSlowAsync(GrainId grainId, IGrainCall call)
    {
        try
        {
            for (var attempt = 0; attempt < DeliveryAttemptsMax; attempt++)
            {
                if (_stopping)
                {
                    throw new SiloUnavailableException($"The silo is shutting down; call {grainId}.{call.MethodName} was not delivered.");
                }

                var activation = await GetOrCreateAsync(grainId);
                switch (activation.TryEnqueue(call))
                {
                    case EnqueueResult.Enqueued:
                        return;
                    case EnqueueResult.Overloaded:
                        throw new GrainOverloadedException(grainId, Options.MailboxCapacityMax);
                    default:
                        await activation.Deactivated;
                        break;
                }
            }

            throw new InvalidOperationException($"Call {grainId}.{call.MethodName} was not delivered: the activation deactivated {DeliveryAttemptsMax} times in a row.");
        }
        catch (Exception exception)
        {
            call.Fail(exception);
        }
    }

    private async ValueTask<ActivationData> GetOrCreateAsync(GrainId grainId)
    {
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var existing))
            {
                return existing;
            }

            if (Interlocked.Increment(ref _count) > Options.ActivationCountMax)
            {
                Interlocked.Decrement(ref _count);
                if (!await TryEvictAsync())
                {
                    throw new ActivationCapacityExceededException(grainId, Options.ActivationCountMax);
                }

                continue;
            }

            var created = new ActivationData(grainId, _registry.GetRegistration(grainId.Type), this);
            var actual = _activations.GetOrAdd(grainId, created);
            if (!ReferenceEquals(actual, created))
            {
                Interlocked.Decrement(ref _count); // lost the race; the winner is the only activation
            }

            return actual;
        }
    }

    private async Task<TResult> WithTimeoutAsync<TResult>(GrainId grainId, GrainCall<TResult> call)
    {
        try
        {
            return await call.Task.WaitAsync(Options.CallTimeout, Time);
        }
        catch (TimeoutException) when (!call.Task.IsCompleted)
        {
            throw new TimeoutException(
                $"Call {grainId}.{call.MethodName} did not complete within SiloOptions.CallTimeout={Options.CallTimeout}. " +
                "Grains are not reentrant: a call cycle (A calls B calls A) waits until this timeout.");
        }
    }
}
