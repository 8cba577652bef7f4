namespace Medisettle.Interfaces.Ledger;

/// <summary>How far the posting dispatcher (the journal's consumer) is behind the journal's head.</summary>
[GenerateSerializer]
[Immutable]
public sealed record JournalLag
{
    /// <summary>The journal sequence up to which postings have been delivered.</summary>
    [Id(0)] public required long Position { get; init; }

    /// <summary>The highest sequence in the journal when measured.</summary>
    [Id(1)] public required long Head { get; init; }

    /// <summary>Journal entries committed but not yet read by the dispatcher (never negative).</summary>
    public long Entries => Math.Max(0, Head - Position);
}
