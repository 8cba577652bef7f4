using Medisettle.Interfaces.Grains;
using Medisettle.Runtime;

namespace Medisettle.Grains.Ledger;

/// <summary>Remembers how far the posting dispatcher has delivered, so a restart does not re-read the whole journal.</summary>
public sealed class JournalCursorGrain([PersistentState("cursor")] IPersistentState<JournalCursorState> state) : Grain, IJournalCursorGrain
{
    public Task<long> GetPositionAsync() => Task.FromResult(state.State.Position);

    public async Task AdvanceAsync(long position)
    {
        if (position <= state.State.Position)
        {
            return;
        }

        state.State.Position = position;
        await state.WriteOrReloadAsync();
    }
}
