using System.Globalization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Settlement;

/// <summary>Converts wire fee lines (2204/2301 feedetail, 2101/2102 drugdetail) to domain fee lines.</summary>
public static class FeeLines
{
    /// <summary>The visit fee lines, or the first line's problem (an err_msg naming the field).</summary>
    public static (IReadOnlyList<VisitFeeLine>? Lines, string? Problem) FromFeeDetails(IReadOnlyList<FeeDetail> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var lines = new List<VisitFeeLine>(details.Count);
        for (var i = 0; i < details.Count; i++)
        {
            var d = details[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"input.feedetail[{i}]");
            if (!WireCodes.TryFeeClass(d.ChrgitmLv, out var feeClass))
            {
                return (null, $"field '{at}.chrgitm_lv': unknown code '{ClientText.Echo(d.ChrgitmLv)}' (01, 02 or 03)");
            }

            if (!WireCodes.TryItemKind(d.ListType, ItemKind.Service, out var kind))
            {
                return (null, $"field '{at}.list_type': unknown code '{ClientText.Echo(d.ListType)}'");
            }

            var line = new FeeLine
            {
                CatalogueCode = d.MedListCodg,
                Name = d.MedinsListCodg,
                Class = feeClass,
                Quantity = d.Cnt,
                Amount = WireAmount.ToMoney(d.DetItemFeeSumamt),
                ItemKind = kind,
                SupplyDays = d.PrdDays,
            };
            lines.Add(new VisitFeeLine { SerialNo = d.FeedetlSn, BatchNo = d.ChrgBchno, Line = line });
        }

        return (lines, null);
    }

    /// <summary>The pharmacy purchase's fee lines, or the first line's problem.</summary>
    public static (IReadOnlyList<FeeLine>? Lines, string? Problem) FromDrugLines(IReadOnlyList<PharmacyDrugLine> drugs)
    {
        ArgumentNullException.ThrowIfNull(drugs);
        var lines = new List<FeeLine>(drugs.Count);
        for (var i = 0; i < drugs.Count; i++)
        {
            var d = drugs[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"input.drugdetail[{i}]");
            if (!WireCodes.TryFeeClass(d.HilistClass, out var feeClass))
            {
                return (null, $"field '{at}.hilist_class': unknown code '{ClientText.Echo(d.HilistClass)}' (01, 02 or 03)");
            }

            if (!WireCodes.TryItemKind(d.ListType, ItemKind.ApprovedDrug, out var kind))
            {
                return (null, $"field '{at}.list_type': unknown code '{ClientText.Echo(d.ListType)}'");
            }

            lines.Add(new FeeLine
            {
                CatalogueCode = d.MedListCodg,
                Name = d.FixmedinsHilistId,
                Class = feeClass,
                Quantity = d.Cnt,
                Amount = WireAmount.ToMoney(d.DetItemFeeSumamt),
                ItemKind = kind,
                SupplyDays = d.PrdDays,
            });
        }

        return (lines, null);
    }

    /// <summary>2204/2301 result line: the classification as far as the gateway knows it before settlement.</summary>
    public static FeeDetailResult Result(FeeDetail detail, VisitFeeLine line)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(line);
        var amount = detail.DetItemFeeSumamt;
        var outOfScope = line.Line.Class == FeeClass.ClassC;
        return new FeeDetailResult
        {
            FeedetlSn = detail.FeedetlSn,
            DetItemFeeSumamt = amount,
            Cnt = detail.Cnt,
            Pric = detail.Pric,
            PricUplmtAmt = detail.Pric,
            SelfpayProp = outOfScope ? 1m : 0m,
            FulamtOwnpayAmt = outOfScope ? amount : 0m,
            OverlmtAmt = 0m,
            PreselfpayAmt = 0m,
            InscpScpAmt = outOfScope ? 0m : amount,
            ChrgitmLv = WireCodes.FeeClassCode(line.Line.Class),
            MedChrgitmType = line.Line.ItemKind.ToString(),
            Memo = line.Line.Class == FeeClass.ClassB ? "乙类: the pack's 先行自付 share is applied at settlement" : null,
        };
    }
}
