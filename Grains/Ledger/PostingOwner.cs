using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Ledger;

/// <summary>Whose settlement a set of postings belongs to: the person's fund pools and the institution's receivable.</summary>
public sealed record PostingOwner(string PersonId, string InsuredRegion, Scheme Scheme, string InstitutionCode);
