using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Admin;

/// <summary><c>GET /admin/v1/persons/{psnNo}</c>: the person, this year's accumulators and their settlements (journal).</summary>
public sealed record PersonView
{
    public required PersonProfile Profile { get; init; }
    public required Money AccountBalance { get; init; }
    /// <summary>Accumulators of the current benefit year (calendar year at the wire offset).</summary>
    public required YearToDate YearToDate { get; init; }
    public required IReadOnlyList<YearToDate> Years { get; init; }
    public required IReadOnlyList<PersonSettlementView> Settlements { get; init; }
    /// <summary>True when the person has more journal entries than <see cref="AdminApi.PersonEntriesMax"/>.</summary>
    public required bool SettlementsTruncated { get; init; }
}
