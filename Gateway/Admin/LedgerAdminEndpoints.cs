using Medisettle.Interfaces.Administration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Medisettle.Gateway.Admin;

/// <summary><c>/admin/v1/funds</c> and <c>/admin/v1/audit</c>: fund balances and the independent ledger audit.</summary>
internal static class LedgerAdminEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/funds", async (ILedgerQueries ledger, CancellationToken cancellationToken) => TypedResults.Ok(await ledger.ReadFundPoolsAsync(cancellationToken)))
            .WithName("ListFunds").WithSummary("Every fund pool that has received a posting, with income, spending and balance (fen), after catching up.");
        group.MapGet("/audit", async (ILedgerQueries ledger, CancellationToken cancellationToken) => TypedResults.Ok(await ledger.AuditAsync(cancellationToken)))
            .WithName("Audit").WithSummary("Delivers pending postings, then recomputes every balance and accumulator from the journal (reads the whole journal).");
    }
}
