namespace Medisettle.Storage.Journal;

/// <summary>
/// A condition on a state write: the newest journal entry of <paramref name="Stream"/> is <paramref name="LastEntryId"/>
/// (null: the stream has no entry). A grain that rebuilt its state from a checkpoint and its stream's entries sets it
/// to the last entry it applied, and moves it to each entry it commits; any other activation's entry in the stream then
/// refuses its writes, so two activations never both decide from the same state.
/// </summary>
public sealed record StreamFence(string Stream, string? LastEntryId);
