using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Hosting;
using Medisettle.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Runtime.Tests;

public sealed class RuntimeTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(30);
    private readonly GrainProbe _probe = new();
    private TestCluster _cluster = null!;

    private IClusterClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Concurrent_calls_to_one_grain_never_interleave()
    {
        var grain = Client.GetGrain<IOverlapGrain>("one");

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => grain.EnterAsync(i % 5))));

        Assert.Equal(500, results.Length);
        Assert.Equal(1, _probe.MaxInFlight);
    }

    [Fact]
    public async Task Thousand_concurrent_first_calls_create_one_activation()
    {
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return Client.GetGrain<ICounterGrain>("hot").GetAsync();
        })).ToList();

        start.Set();
        var values = await Task.WhenAll(calls);

        Assert.All(values, v => Assert.Equal(0, v));
        Assert.Equal(1, _probe.Constructed["hot"]);
        Assert.Equal(1, _cluster.ActivationCount);
    }

    [Fact]
    public async Task Idle_collection_then_reactivation_keeps_the_persisted_state()
    {
        var grain = Client.GetGrain<ICounterGrain>("idle");
        await grain.IncrementAsync();
        await grain.IncrementAsync();
        await grain.IncrementAsync();

        _cluster.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await _cluster.CollectIdleActivationsAsync());
        _cluster.Time.Advance(TimeSpan.FromMinutes(1));
        var collected = await _cluster.CollectIdleActivationsAsync();

        Assert.Equal(1, collected);
        Assert.Equal(0, _cluster.ActivationCount);
        Assert.Equal(1, _probe.Deactivations["idle"]);
        Assert.Equal(3, await grain.GetAsync());
        Assert.Equal("3", await grain.GetEtagAsync());
        Assert.Equal(2, _probe.Constructed["idle"]);
    }

    [Fact]
    public async Task Collector_timer_deactivates_idle_activations_on_the_manual_clock()
    {
        await using var cluster = await StartAsync(o => o.CollectionInterval = TimeSpan.FromMinutes(1));
        await cluster.Client.GetGrain<ICounterGrain>("timer").IncrementAsync();

        cluster.Time.Advance(TimeSpan.FromMinutes(11));
        await _probe.FirstDeactivation.Task.WaitAsync(WaitMax);

        Assert.Equal([DeactivationReasonCode.ActivationIdle], _probe.DeactivationReasons);
    }

    [Fact]
    public async Task Busy_activation_is_not_collected()
    {
        await using var cluster = await StartAsync(o => o.CallTimeout = Timeout.InfiniteTimeSpan);
        var grain = cluster.Client.GetGrain<IOverlapGrain>("busy");
        var blocked = grain.BlockAsync();
        await _probe.Entered.Task.WaitAsync(WaitMax);

        cluster.Time.Advance(TimeSpan.FromHours(1));
        var collected = await cluster.CollectIdleActivationsAsync();
        _probe.Gate.SetResult();
        await blocked;

        Assert.Equal(0, collected);
        Assert.Equal(1, cluster.ActivationCount);
    }

    [Fact]
    public async Task Full_mailbox_rejects_the_call_with_GrainOverloadedException()
    {
        await using var cluster = await StartAsync(o => o.MailboxCapacityMax = 2);
        var grain = cluster.Client.GetGrain<IOverlapGrain>("overloaded");
        var running = grain.BlockAsync();
        await _probe.Entered.Task.WaitAsync(WaitMax);
        var queued1 = grain.EnterAsync(0);
        var queued2 = grain.EnterAsync(0);

        var error = await Assert.ThrowsAsync<GrainOverloadedException>(() => grain.EnterAsync(0));

        Assert.Contains("MailboxCapacityMax=2", error.Message, StringComparison.Ordinal);
        _probe.Gate.SetResult();
        await running;
        Assert.Equal(0, await queued1);
        Assert.Equal(0, await queued2);
    }

    [Fact]
    public async Task Grain_exceptions_propagate_to_the_caller()
    {
        var grain = Client.GetGrain<IFaultyGrain>("faulty");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("boom"));
        var argumentError = await Assert.ThrowsAsync<ArgumentException>(async () => await grain.FailValueTaskAsync());

        Assert.Equal("boom", error.Message);
        Assert.Equal("bad argument", argumentError.Message);
        Assert.Equal(42, await grain.EchoAsync(42));
    }

    [Fact]
    public async Task Grain_to_grain_calls_inside_a_turn_work()
    {
        var caller = Client.GetGrain<IFaultyGrain>("caller");

        Assert.Equal(1, await caller.CallCounterAsync("callee"));
        Assert.Equal(2, await caller.CallCounterAsync("callee"));
        Assert.Equal(2, await Client.GetGrain<ICounterGrain>("callee").GetAsync());
    }

    [Fact]
    public async Task GrainId_is_visible_in_the_constructor()
    {
        Assert.Equal("ctor-key", await Client.GetGrain<ICounterGrain>("ctor-key").GetKeyAsync());
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_turn_and_the_next_call_reactivates()
    {
        var grain = Client.GetGrain<ICounterGrain>("bye");
        await grain.IncrementAsync();

        await grain.DeactivateAsync();
        var value = await grain.GetAsync();

        Assert.Equal(1, value);
        Assert.Equal(1, _probe.Deactivations["bye"]);
        Assert.Equal(2, _probe.Constructed["bye"]);
        Assert.Equal([DeactivationReasonCode.ApplicationRequested], _probe.DeactivationReasons);
    }

    [Fact]
    public async Task Full_catalog_evicts_the_least_recently_used_idle_activation()
    {
        await using var cluster = await StartAsync(o => o.ActivationCountMax = 2);
        await cluster.Client.GetGrain<ICounterGrain>("a").IncrementAsync();
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await cluster.Client.GetGrain<ICounterGrain>("b").IncrementAsync();

        await cluster.Client.GetGrain<ICounterGrain>("c").IncrementAsync();

        Assert.Equal(2, cluster.ActivationCount);
        Assert.Equal(1, _probe.Deactivations["a"]);
        Assert.Equal([DeactivationReasonCode.CapacityPressure], _probe.DeactivationReasons);
    }

    [Fact]
    public async Task Full_catalog_without_idle_activations_rejects_new_activations()
    {
        await using var cluster = await StartAsync(o => o.ActivationCountMax = 1);
        var blocked = cluster.Client.GetGrain<IOverlapGrain>("busy").BlockAsync();
        await _probe.Entered.Task.WaitAsync(WaitMax);

        var error = await Assert.ThrowsAsync<ActivationCapacityExceededException>(() => cluster.Client.GetGrain<ICounterGrain>("new").GetAsync());

        Assert.Contains("ActivationCountMax=1", error.Message, StringComparison.Ordinal);
        _probe.Gate.SetResult();
        await blocked;
    }

    [Fact]
    public async Task Graceful_shutdown_deactivates_and_state_reloads_after_restart()
    {
        await Client.GetGrain<ICounterGrain>("restart").IncrementAsync();
        await Client.GetGrain<ICounterGrain>("restart").IncrementAsync();

        await _cluster.RestartAsync();

        Assert.Equal([DeactivationReasonCode.ShuttingDown], _probe.DeactivationReasons);
        Assert.Equal(2, await Client.GetGrain<ICounterGrain>("restart").GetAsync());
    }

    [Fact]
    public async Task Unregistered_grain_interface_gives_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Client.GetGrain<IUnregisteredGrain>("x"));

        Assert.Contains("AddGrain<IUnregisteredGrain, TGrain>()", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Invalid_options_fail_the_start_naming_the_option_and_value()
    {
        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => StartAsync(o => o.MailboxCapacityMax = 0));

        Assert.Contains("SiloOptions.MailboxCapacityMax must be at least 1; it is 0.", error.Message, StringComparison.Ordinal);
    }

    private Task<TestCluster> StartAsync(Action<SiloOptions>? configure = null) =>
        TestCluster.StartAsync(
            silo =>
            {
                silo.Services.AddSingleton(_probe);
                silo.AddGrain<ICounterGrain, CounterGrain>()
                    .AddGrain<IOverlapGrain, OverlapGrain>()
                    .AddGrain<IFaultyGrain, FaultyGrain>();
            },
            configureSilo: options =>
            {
                options.CollectionInterval = TimeSpan.FromDays(1); // tests collect explicitly, except the timer test
                configure?.Invoke(options);
            });
}

public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task PingAsync();
}
