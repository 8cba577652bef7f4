namespace Medisettle.Grains.Persons;

/// <summary>
/// Where a person's state stands in the person's journal stream (<c>person:{id}</c>): every entry at or below
/// <see cref="AfterSequence"/> is in the state, and so is every entry after it up to and including
/// <see cref="ThroughEntryId"/>; the entries after those are the ones to apply again when the state is read.
/// </summary>
public sealed class PersonJournalPosition
{
    public long AfterSequence { get; set; }

    /// <summary>The newest entry of the stream the state includes (null: none after <see cref="AfterSequence"/>).</summary>
    public string? ThroughEntryId { get; set; }
}
