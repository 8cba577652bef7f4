using Medisettle.Interfaces.Controls;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The review queue's read side: flags and their resolutions from the journal (streams <c>flag:{institution}</c> and
/// <c>flagres:{institution}</c>). A stateless worker on the silo that receives the call (key 0).
/// </summary>
public interface IReviewQueueGrain : IGrainWithIntegerKey
{
    /// <summary>Flags matching <paramref name="query"/>, oldest first.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<FlagPage> ListFlagsAsync(FlagQuery query);
}
