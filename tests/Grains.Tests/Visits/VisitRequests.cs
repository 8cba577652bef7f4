using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Grains.Tests.Visits;

/// <summary>The requests the visit tests send: an outpatient registration of P1 at H1, and changes to it.</summary>
internal static class VisitRequests
{
    public static readonly DateOnly Day = new(2025, 6, 2);

    public static VisitOpening Opening(SettlementWorld world, string messageId) => new()
    {
        MessageId = messageId,
        InstitutionCode = world.Id("H1"),
        PersonId = world.Id("P1"),
        Type = VisitType.Outpatient,
        InstitutionVisitNo = "OP1",
        BeginDate = Day,
    };

    public static VisitCommand Command(SettlementWorld world, string messageId) =>
        new() { MessageId = messageId, InstitutionCode = world.Id("H1"), PersonId = world.Id("P1") };
}
