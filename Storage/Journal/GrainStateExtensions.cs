namespace Medisettle.Storage.Journal;

/// <summary>Writes that never leave an activation holding changes the storage refused.</summary>
public static class GrainStateExtensions
{
    /// <summary>
    /// Writes the state (with <paramref name="appends"/> in the same transaction); if the write fails for any reason,
    /// reloads the stored state before rethrowing, so the activation never keeps changes that were not committed.
    /// </summary>
    public static async Task WriteOrReloadAsync<TState>(
        this IJournaledState<TState> state, IReadOnlyList<JournalAppend>? appends = null, CancellationToken cancellationToken = default)
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

    /// <summary>Writes the state; if the write fails for any reason, reloads the stored state before rethrowing.</summary>
    public static async Task WriteOrReloadAsync<TState>(this IPersistentState<TState> state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            await state.ReadStateAsync(cancellationToken);
            throw;
        }
    }
}
