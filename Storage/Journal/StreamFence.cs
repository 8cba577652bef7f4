namespace Medisettle.Storage.Journal;

/// <summary>
/// A condition on a state write: <paramref name="Stream"/> has no journal entry after <paramref name="AfterSequence"/>.
/// A grain that rebuilt its state from a checkpoint and its stream's entries up to that sequence sets it on its first
/// write, so an older activation's append that it did not read refuses that write instead of being overwritten.
/// </summary>
public sealed record StreamFence(string Stream, long AfterSequence);
