namespace Medisettle.Grains.Ledger;

/// <summary>The durable position of a journal consumer.</summary>
public sealed class JournalCursorState
{
    public long Position { get; set; }
}
