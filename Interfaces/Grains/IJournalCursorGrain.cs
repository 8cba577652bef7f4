using Medisettle.Runtime;

namespace Medisettle.Interfaces.Grains;

/// <summary>The durable read position of the posting dispatcher in the journal (key: dispatcher name).</summary>
public interface IJournalCursorGrain : IGrainWithStringKey
{
    Task<long> GetPositionAsync();

    /// <summary>Moves the position forward (never back).</summary>
    Task AdvanceAsync(long position);
}
