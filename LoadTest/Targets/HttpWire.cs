using System.Globalization;
using System.Text.Json;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// The wire bodies of the HTTP swipes, from a planned <see cref="SettleCommand"/>. Codes: insutype 310 employee /
/// 390 resident; med_type 41 pharmacy, 11 ordinary outpatient, 14 门诊慢特病 (the residents' 门诊大病 visits,
/// disease in dise_codg), 21 inpatient; mdtrt_cert_type 02 (ID number = psn_no); psn_setlway 01.
/// </summary>
internal static class HttpWire
{
    private static readonly TimeSpan WireOffset = TimeSpan.FromHours(8);

    public static string Insutype(Scheme scheme) => scheme == Scheme.Employee ? "310" : "390";

    public static string MedType(SettleCommand command) => command.Visit.Type switch
    {
        VisitType.Pharmacy => "41",
        VisitType.Outpatient => "11",
        VisitType.OutpatientMajorDisease => "15",
        _ => "21",
    };

    public static byte[] PharmacyBody(SwipePlan plan, SettleCommand command, DateTimeOffset now)
    {
        var input = new PharmacySettlementInput
        {
            Data = new PharmacySettlementRequest
            {
                PsnNo = plan.PersonId,
                MdtrtCertType = "02",
                MdtrtCertNo = plan.PersonId,
                Insutype = Insutype(plan.Scheme),
                MedfeeSumamt = command.Visit.DeclaredTotal.ToYuan(),
                Begntime = Time(command.Visit.Date),
                AcctUsedFlag = command.UseAccount ? "1" : "0",
                PsnSetlway = "01",
                MedType = "41",
            },
            Drugdetail = command.Visit.FeeLines.Select(line => new PharmacyDrugLine
            {
                FixmedinsHilistId = line.CatalogueCode,
                MedListCodg = line.CatalogueCode,
                DetItemFeeSumamt = line.Amount.ToYuan(),
                Cnt = 1,
                Pric = line.Amount.ToYuan(),
                HilistClass = "1",
                PrdDays = line.SupplyDays,
            }).ToArray(),
        };
        return PlatformEnvelope.Body("2102", command.MessageId, command.InstitutionCode, "990001", input, PlatformJsonContext.Default.PharmacySettlementInput, now);
    }

    /// <summary>2203 visit information: the med_type and diagnosis of an outpatient visit (a 门诊大病 needs its disease code).</summary>
    public static byte[] VisitInfoBody(SwipePlan plan, SettleCommand command, string mdtrtId, string msgid, DateTimeOffset now)
    {
        var input = new VisitInfoInput
        {
            Mdtrtinfo = new VisitInfo
            {
                MdtrtId = mdtrtId,
                PsnNo = plan.PersonId,
                MedType = MedType(command),
                Begntime = Time(command.Visit.Date),
                DiseCodg = command.Visit.DiseaseCode,
            },
            Diseinfo = [],
        };
        return PlatformEnvelope.Body("2203", msgid, command.InstitutionCode, "990001", input, PlatformJsonContext.Default.VisitInfoInput, now);
    }

    /// <summary>2201 outpatient registration or 2401 admission.</summary>
    public static byte[] RegisterBody(SwipePlan plan, SettleCommand command, string msgid, DateTimeOffset now)
    {
        var begin = Time(command.Visit.AdmissionDate ?? command.Visit.Date);
        if (plan.FreshKind == SwipeKind.Inpatient)
        {
            var admission = new AdmissionInput
            {
                Mdtrtinfo = new Admission
                {
                    PsnNo = plan.PersonId, Insutype = Insutype(plan.Scheme), MdtrtCertType = "02", MdtrtCertNo = plan.PersonId, MedType = "21",
                    IptNo = command.Visit.VisitId, Begntime = begin, AtddrNo = "D001", ChfpdrName = "Dr Load", AdmDiagDscr = "load test",
                    AdmDeptCodg = "A03", AdmDeptName = "Internal medicine", AdmBed = "12", DscgMaindiagCode = "I10.x00", DscgMaindiagName = "Hypertension",
                },
                Diseinfo = [],
            };
            return PlatformEnvelope.Body("2401", msgid, command.InstitutionCode, "990001", admission, PlatformJsonContext.Default.AdmissionInput, now);
        }

        var registration = new OutpatientRegisterInput
        {
            Data = new OutpatientRegistration
            {
                PsnNo = plan.PersonId, Insutype = Insutype(plan.Scheme), Begntime = begin, MdtrtCertType = "02", MdtrtCertNo = plan.PersonId,
                IptOtpNo = command.Visit.VisitId, AtddrNo = "D001", DrName = "Dr Load", DeptCode = "A03", DeptName = "Internal medicine", Caty = "A03",
            },
        };
        return PlatformEnvelope.Body("2201", msgid, command.InstitutionCode, "990001", registration, PlatformJsonContext.Default.OutpatientRegisterInput, now);
    }

    /// <summary>2204 (outpatient) or 2301 (inpatient) fee detail upload.</summary>
    public static byte[] UploadBody(SwipePlan plan, SettleCommand command, string mdtrtId, string msgid, DateTimeOffset now)
    {
        var input = new FeeDetailUploadInput
        {
            Feedetail = command.Visit.FeeLines.Select((line, i) => new FeeDetail
            {
                FeedetlSn = (i + 1).ToString(CultureInfo.InvariantCulture),
                MdtrtId = mdtrtId,
                PsnNo = plan.PersonId,
                ChrgBchno = "B" + command.Visit.VisitId,
                FeeOcurTime = Time(command.Visit.Date),
                MedListCodg = line.CatalogueCode,
                MedinsListCodg = line.CatalogueCode,
                DetItemFeeSumamt = line.Amount.ToYuan(),
                Cnt = 1,
                Pric = line.Amount.ToYuan(),
                DiseCodg = command.Visit.DiseaseCode,
                PrdDays = line.SupplyDays,
            }).ToArray(),
        };
        var infno = plan.FreshKind == SwipeKind.Inpatient ? "2301" : "2204";
        return PlatformEnvelope.Body(infno, msgid, command.InstitutionCode, "990001", input, PlatformJsonContext.Default.FeeDetailUploadInput, now);
    }

    /// <summary>2206 / 2207 / 2304.</summary>
    public static byte[] SettleBody(string infno, SwipePlan plan, SettleCommand command, string mdtrtId, string msgid, DateTimeOffset now)
    {
        var input = new SettlementInput
        {
            Data = new SettlementRequest
            {
                PsnNo = plan.PersonId, MdtrtCertType = "02", MdtrtCertNo = plan.PersonId, MedType = MedType(command),
                MedfeeSumamt = command.Visit.DeclaredTotal.ToYuan(), PsnSetlway = "01", MdtrtId = mdtrtId, ChrgBchno = "B" + command.Visit.VisitId,
                AcctUsedFlag = command.UseAccount ? "1" : "0", Insutype = Insutype(plan.Scheme),
            },
        };
        return PlatformEnvelope.Body(infno, msgid, command.InstitutionCode, "990001", input, PlatformJsonContext.Default.SettlementInput, now);
    }

    public static byte[] CancelBody(AcknowledgedSettlement prior, string msgid, DateTimeOffset now)
    {
        var input = new SettlementCancelInput
        {
            Data = new SettlementCancellation { SetlId = prior.SettlementId, MdtrtId = prior.VisitId ?? prior.Command.Visit.VisitId, PsnNo = prior.PersonId },
        };
        return PlatformEnvelope.Body(CancelInfno(prior.Command.Visit.Type), msgid, prior.Command.InstitutionCode, "990001", input, PlatformJsonContext.Default.SettlementCancelInput, now);
    }

    /// <summary>
    /// The cancel transaction of a settlement's kind: 2103 for a pharmacy purchase, 2305 for an inpatient stay, 2208 for
    /// an outpatient visit (the gateway's settlement-cancel handlers differ in whether a registered visit is reopened).
    /// </summary>
    public static string CancelInfno(VisitType type) => type switch
    {
        VisitType.Pharmacy => "2103",
        VisitType.Inpatient or VisitType.Accident => "2305",
        _ => "2208",
    };

    /// <summary>mdtrt_id from a 2201 (<c>output.data</c>) or 2401 (<c>output.result</c>) answer.</summary>
    public static string? VisitIdOf(JsonElement? output, SwipeKind kind) =>
        output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(kind == SwipeKind.Inpatient ? "result" : "data", out var data)
            && data.TryGetProperty("mdtrt_id", out var id) ? id.GetString() : null;

    /// <summary>setl_id from a settle answer (<c>output.setlinfo.setl_id</c>).</summary>
    public static string? SettlementIdOf(JsonElement? output) =>
        output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("setlinfo", out var info) && info.TryGetProperty("setl_id", out var id) ? id.GetString() : null;

    private static string Time(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), WireOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
