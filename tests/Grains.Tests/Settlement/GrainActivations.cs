using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>Waits for grains that leave memory by themselves (on an idle timer, or when done).</summary>
internal static class GrainActivations
{
    /// <summary>
    /// Polls every 50 ms until no silo holds an activation of <paramref name="grain"/>, and fails if one still does
    /// after 15 s (<paramref name="what"/> names it in the failure).
    /// </summary>
    public static async Task WaitUntilGoneAsync(IGrainFactory grains, IAddressable grain, string what)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await management.GetGrainActivationCount((GrainReference)grain) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} is still in memory 15 s after its last call");
            await Task.Delay(50);
        }
    }
}
