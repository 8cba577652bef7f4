using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Medisettle.Grains.Persons;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// The digest of a command without a gateway digest is stored in receipts and compared with retries, so its form is
/// fixed: SHA-256 hex of the UTF-8 of the person id, a line feed and the command's JSON in the digest's own options
/// (<see cref="RequestDigestTests"/> checks that a cluster's receipts hold it).
/// </summary>
public sealed class CommandDigestTests
{
    [Fact]
    public void A_cancel_command_digests_to_the_hash_of_its_person_a_line_feed_and_its_JSON_with_nulls_written()
    {
        // printf 'P1\n{"messageId":"M1","institutionCode":"H1","settlementId":"S1","requestDigest":null}' | sha256sum
        Assert.Equal(
            "4a55d4f751dfe1785d46b893d1b7b03406d7ddfee08261749b8d69609808403a",
            CommandDigest.Of("P1", new CancelCommand { MessageId = "M1", InstitutionCode = "H1", SettlementId = "S1" }));
    }

    [Fact]
    public void A_settle_command_with_chinese_text_digests_as_the_joined_text_always_did()
    {
        var visit = Visit(VisitType.Outpatient, new DateOnly(2026, 3, 2), Line(86.5m) with { Name = "阿莫西林胶囊（0.25g×24粒）" }) with { VisitId = "V1" };
        var command = new SettleCommand { MessageId = "M1", InstitutionCode = "H990001", Visit = visit, UseAccount = true };

        var joined = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("990001张三\n" + JsonSerializer.Serialize(command, CommandDigest.Json))));

        Assert.Equal(joined, CommandDigest.Of("990001张三", command));
        Assert.DoesNotContain("阿莫西林", JsonSerializer.Serialize(command, CommandDigest.Json), StringComparison.Ordinal); // non-ASCII escaped
        Assert.NotEqual(joined, CommandDigest.Of("990001张四", command));
    }
}
