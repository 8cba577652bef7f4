using System.Globalization;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 3201 对总账: compares the institution's declared totals for the date range (by settlement date) with the
/// per-day totals its grain kept from its receivable postings, after the posting dispatcher has caught up.
/// stmt_rslt 0 = agree, 1 = disagree, with each difference in stmt_rslt_dscr. insutype and clr_type are not
/// used to split the totals (one account per institution).
/// </summary>
public sealed class DailyReconciliationHandler(IGrainFactory grains, ILedgerQueries ledger)
    : TransactionHandler<DailyReconciliationInput, DailyReconciliationOutput>(TransactionContracts.DailyReconciliation)
{
    /// <summary>Reads only.</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.None;

    protected override async ValueTask<HandlerOutcome<DailyReconciliationOutput>> ExecuteAsync(
        TransactionRequest<DailyReconciliationInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var (from, to) = (ParseDate(data.StmtBegndate), ParseDate(data.StmtEnddate));
        var position = await ledger.CatchUpAsync(cancellationToken);
        var snapshot = await grains.GetGrain<IInstitutionGrain>(request.Context.Institution).GetSnapshotAsync();
        var days = (snapshot?.DailyTotals ?? []).Where(d => d.Date >= from && d.Date <= to).ToList();
        var count = days.Sum(d => d.SettlementCount);
        var medfee = days.Aggregate(Money.Zero, (s, d) => s + d.MedicalFeeTotal);
        var fund = days.Aggregate(Money.Zero, (s, d) => s + d.FundPaid);
        var account = days.Aggregate(Money.Zero, (s, d) => s + d.AccountPaid);

        var differences = new List<string>();
        Compare(differences, "fixmedins_setl_cnt", data.FixmedinsSetlCnt.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture));
        Compare(differences, "medfee_sumamt", Text(data.MedfeeSumamt), medfee.ToString());
        Compare(differences, "fund_pay_sumamt", Text(data.FundPaySumamt), fund.ToString());
        Compare(differences, "acct_pay", Text(data.AcctPay), account.ToString());
        var asOf = string.Create(CultureInfo.InvariantCulture, $"as of journal sequence {position}");
        var result = differences.Count == 0
            ? new ReconciliationResult { StmtRslt = "0", StmtRsltDscr = $"agrees: {count} settlements, medfee_sumamt {medfee}, fund_pay_sumamt {fund}, acct_pay {account} ({asOf})" }
            : new ReconciliationResult { StmtRslt = "1", StmtRsltDscr = $"disagrees: {string.Join("; ", differences)} ({asOf})" };
        return HandlerOutcome<DailyReconciliationOutput>.Ok(new DailyReconciliationOutput { Stmtinfo = result with { SetlOptins = data.SetlOptins } });
    }

    internal static DateOnly ParseDate(string text)
    {
        // The contract already checked the format (yyyy-MM-dd).
        return WireTime.TryParseDate(text, out var date)
            ? DateOnly.FromDateTime(date)
            : throw new ArgumentException($"'{text}' is not a date.", nameof(text));
    }

    private static void Compare(List<string> differences, string field, string declared, string platform)
    {
        if (declared != platform)
        {
            differences.Add($"{field}: institution {declared}, platform {platform}");
        }
    }

    private static string Text(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);
}
