namespace Medisettle.LoadTest.WhatIf;

/// <summary>
/// How far a journal can be read: <see cref="SafeSequence"/>, at or below which every entry that will ever exist is
/// already committed, and <see cref="HeadSequence"/>, the highest committed sequence seen. Entries above the safe point
/// (a concurrent silo's commit that overtook one still in flight) are left for a later run, and said so.
/// </summary>
internal readonly record struct WhatIfJournalBounds(long SafeSequence, long HeadSequence)
{
    /// <summary>Committed sequences above the safe point, not read.</summary>
    public long NotRead => Math.Max(0, HeadSequence - SafeSequence);
}
