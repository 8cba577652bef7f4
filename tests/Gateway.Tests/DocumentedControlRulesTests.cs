using System.Text.RegularExpressions;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// docs/gateway.md documents what the control rules answer and the review-queue endpoints the admin API maps: every
/// control-rule rejection code has its err_msg row, and every mapped /flags route is in the admin table.
/// </summary>
public sealed partial class DocumentedControlRulesTests
{
    private static readonly RejectionCode[] ControlRefusals =
        [RejectionCode.PrescriptionTooLong, RejectionCode.NonInsuredGoods, RejectionCode.ItemSwapping, RejectionCode.DuplicatePurchase, RejectionCode.PersonVelocity];

    [Fact]
    public void Every_control_rule_refusal_has_its_documented_err_msg()
    {
        var doc = GatewayDoc();

        Assert.All(ControlRefusals, code => Assert.Contains($"| `{code}:` |", doc, StringComparison.Ordinal));
        Assert.Contains("`flagged for review: {Rule} (flag {setl_id}-{Rule}): {evidence}`", Whitespace().Replace(doc, " "), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_review_queue_endpoint_is_in_the_admin_table()
    {
        var doc = GatewayDoc();
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "Gateway", "Admin", "FlagAdminEndpoints.cs"));
        var routes = MappedRoute().Matches(source).Select(m => $"| `{m.Groups[1].Value.ToUpperInvariant()} {m.Groups[2].Value}` |").ToList();

        Assert.Equal(4, routes.Count);
        Assert.All(routes, route => Assert.Contains(route, doc, StringComparison.Ordinal));
    }

    private static string GatewayDoc() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "gateway.md"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Cluster.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("group\\.Map(Get|Post)\\(\"(/flags[^\"]*)\"")]
    private static partial Regex MappedRoute();
}
