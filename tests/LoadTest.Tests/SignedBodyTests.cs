using Medisettle.LoadTest.Targets;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class SignedBodyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public void Sends_of_one_body_in_the_same_millisecond_are_signed_one_millisecond_apart()
    {
        var body = new SignedBody([1, 2, 3]);

        var times = new[] { body.NextSigningTime(Now), body.NextSigningTime(Now), body.NextSigningTime(Now) };

        Assert.Equal([Now, Now.AddMilliseconds(1), Now.AddMilliseconds(2)], times);
    }

    [Fact]
    public void A_later_send_is_signed_with_the_clock_again()
    {
        var body = new SignedBody([1, 2, 3]);
        body.NextSigningTime(Now);
        body.NextSigningTime(Now);

        Assert.Equal(Now.AddSeconds(1), body.NextSigningTime(Now.AddSeconds(1)));
    }

    [Fact]
    public void Each_body_keeps_its_own_times()
    {
        var first = new SignedBody([1]);
        var second = new SignedBody([2]);
        first.NextSigningTime(Now);

        Assert.Equal(Now, second.NextSigningTime(Now));
    }
}
