using Medisettle.Gateway.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// The adaptive admission limit: it shrinks only when the limit was reached and the admitted transactions took longer
/// than the target, to what their throughput completes in the target (by a quarter to a half at a time), grows back
/// when they are fast, and never leaves [min, max]. Time is a fake clock.
/// </summary>
public sealed class AdmissionLimitTests
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(40);
    private readonly FakeTimeProvider _clock = new();
    private int _held;

    [Fact]
    public void Saturated_and_far_too_slow_the_limit_halves_each_window_down_to_the_minimum()
    {
        var limit = new AdmissionLimit(256, 16, Target, _clock);
        var limits = new List<int>();

        for (var window = 0; window < 6; window++)
        {
            limits.Add(SaturatedWindow(limit, TimeSpan.FromMilliseconds(200)));
        }

        Assert.Equal([128, 64, 32, 16, 16, 16], limits);
    }

    /// <summary>
    /// Little's law: the limit that completes as many in the target as the window's throughput is limit × target ÷ mean
    /// time; the step is at least a quarter and at most a half.
    /// </summary>
    [Theory]
    [InlineData(41, 192)] // 256 × 40 ÷ 41 = 249.8: a quarter at least
    [InlineData(48, 192)] // 213.3: a quarter at least
    [InlineData(60, 170)] // 170.7
    [InlineData(70, 146)] // 146.3
    [InlineData(80, 128)] // 128
    [InlineData(400, 128)] // 25.6: half at most
    public void Saturated_and_slow_the_limit_shrinks_to_what_the_throughput_completes_in_the_target(int tookMilliseconds, int expected)
    {
        var limit = new AdmissionLimit(256, 16, Target, _clock);

        Assert.Equal(expected, SaturatedWindow(limit, TimeSpan.FromMilliseconds(tookMilliseconds)));
    }

    [Fact]
    public void Slow_but_never_saturated_the_limit_stays_at_the_maximum()
    {
        var limit = new AdmissionLimit(256, 16, Target, _clock);

        for (var window = 0; window < 5; window++)
        {
            FinishWindow(limit, TimeSpan.FromMilliseconds(500)); // a cold start or a pause: slow, but below the limit
        }

        Assert.Equal(256, limit.Limit);
    }

    [Fact]
    public void Fast_again_the_limit_grows_by_a_sixteenth_of_the_maximum_back_to_it()
    {
        var limit = new AdmissionLimit(256, 16, Target, _clock);
        SaturatedWindow(limit, TimeSpan.FromMilliseconds(200));
        SaturatedWindow(limit, TimeSpan.FromMilliseconds(200));
        ReleaseHeld(limit, TimeSpan.FromMilliseconds(5));
        var grown = new List<int>();

        for (var window = 0; window < 13; window++)
        {
            grown.Add(FinishWindow(limit, TimeSpan.FromMilliseconds(5)));
        }

        Assert.Equal([80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 256], grown);
    }

    [Fact]
    public void Between_half_the_target_and_the_target_the_limit_holds()
    {
        var limit = new AdmissionLimit(256, 16, Target, _clock);

        var shrunk = SaturatedWindow(limit, TimeSpan.FromMilliseconds(200));
        var held = SaturatedWindow(limit, TimeSpan.FromMilliseconds(30));

        Assert.Equal((128, 128), (shrunk, held));
    }

    [Fact]
    public void No_more_than_the_limit_is_admitted_and_a_place_given_back_is_free_again()
    {
        var limit = new AdmissionLimit(2, 1, Target, _clock);

        using var first = limit.Enter();
        var second = limit.Enter();
        using var third = limit.Enter();
        second.Dispose();
        using var fourth = limit.Enter();

        Assert.Equal((true, true, false, true), (first.IsAdmitted, second.IsAdmitted, third.IsAdmitted, fourth.IsAdmitted));
    }

    [Fact]
    public void A_target_of_zero_is_a_fixed_bound()
    {
        var limit = new AdmissionLimit(64, 16, TimeSpan.Zero, _clock);

        var limits = Enumerable.Range(0, 5).Select(_ => SaturatedWindow(limit, TimeSpan.FromSeconds(1))).ToList();

        Assert.Equal([64, 64, 64, 64, 64], limits);
    }

    /// <summary>
    /// A window in which every place is taken and one more transaction is refused, ended by one of the held
    /// transactions finishing after <paramref name="took"/> (the window's only sample); the limit after.
    /// </summary>
    private int SaturatedWindow(AdmissionLimit limit, TimeSpan took)
    {
        while (limit.TryEnter())
        {
            _held++;
        }

        _clock.Advance(AdmissionLimit.Window);
        limit.Exit(took);
        _held--;
        return limit.Limit;
    }

    /// <summary>Every held transaction finishes after <paramref name="took"/>, inside the current window.</summary>
    private void ReleaseHeld(AdmissionLimit limit, TimeSpan took)
    {
        for (; _held > 0; _held--)
        {
            limit.Exit(took);
        }
    }

    /// <summary>Ends a window with one transaction that took <paramref name="took"/>; the limit after.</summary>
    private int FinishWindow(AdmissionLimit limit, TimeSpan took)
    {
        _clock.Advance(AdmissionLimit.Window);
        Assert.True(limit.TryEnter());
        limit.Exit(took);
        return limit.Limit;
    }
}
