namespace Medisettle.Interfaces.Ledger;

/// <summary>A posting as delivered to its consumer grain, with its journal sequence number.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AppliedPosting(long Sequence, Posting Posting);
