namespace Medisettle.Storage.Journal;

/// <summary>
/// Implemented by a grain whose journaled state row is a checkpoint (it commits with
/// <see cref="IJournaledState{TState}.AppendAsync"/> between state writes): called after every read of the state — on
/// activation, before <c>OnActivateAsync</c>, and on the reload after a refused write — to apply the journal entries
/// committed after the checkpoint, and to fence the writes that follow (<see cref="IJournaledState{TState}.FenceWrites"/>).
/// </summary>
public interface IJournaledStateReplay
{
    Task ReplayAfterReadAsync(string stateName, CancellationToken cancellationToken);
}
