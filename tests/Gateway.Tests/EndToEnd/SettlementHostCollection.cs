namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// The end-to-end classes that share one <see cref="SettlementHost"/> (one after another). Each test enrols its own
/// persons and sends fresh msgids; a class that changes an institution (designation, points, reconciliation totals)
/// uses demo institutions no other class uses, and a figure every test moves (fund spending, settlement counts) is
/// asserted as the exact change a test made.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SettlementHostCollection : ICollectionFixture<SettlementHost>
{
    public const string Name = "gateway-end-to-end";
}
