namespace Medisettle.Grains.Persons;

/// <summary>A live settlement of a visit, with the benefit year it counted in.</summary>
public sealed record ActiveSettlement(string SettlementId, int BenefitYear);
