using Medisettle.Runtime.Journal;

namespace Medisettle.Runtime;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state (with <paramref name="appends"/> in the same transaction); if the write fails for any reason,
    /// reloads the stored state before rethrowing, so the activation never keeps changes that were not committed.
    /// </summary>
    public static async Task WriteOrReloadAsync<TState>(
        this IPersistentState<TState> state, IReadOnlyList<JournalAppend>? appends = null, CancellationToken cancellationToken = default)
        where TState : class, new()
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await state.WriteStateAsync(appends ?? [], cancellationToken);
        }
        catch
        {
            await state.ReadStateAsync(cancellationToken);
            throw;
        }
    }
}
