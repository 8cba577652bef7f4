using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>Every transaction code the gateway speaks (DOMAIN.md §5), with its wire types and input checks.</summary>
public static class TransactionContracts
{
    private static readonly PlatformJsonContext Json = PlatformJsonContext.Default;

    public static TransactionContract<PersonInfoInput, PersonInfoOutput> PersonInfo { get; } =
        new("1101", "人员信息获取 person info", Json.PersonInfoInput, Json.PersonInfoOutput, InputRules.PersonInfo);

    public static TransactionContract<SignInInput, SignInOutput> SignIn { get; } =
        new("9001", "签到 sign-in", Json.SignInInput, Json.SignInOutput, InputRules.SignIn);

    public static TransactionContract<OutpatientRegisterInput, OutpatientRegisterOutput> OutpatientRegister { get; } =
        new("2201", "门诊挂号 outpatient registration", Json.OutpatientRegisterInput, Json.OutpatientRegisterOutput, InputRules.OutpatientRegister);

    public static TransactionContract<OutpatientRegisterCancelInput, EmptyOutput> OutpatientRegisterCancel { get; } =
        new("2202", "门诊挂号撤销 outpatient registration cancel", Json.OutpatientRegisterCancelInput, Json.EmptyOutput, InputRules.VisitCancel);

    public static TransactionContract<VisitInfoInput, EmptyOutput> OutpatientVisitInfo { get; } =
        new("2203", "门诊就诊信息上传 outpatient visit info", Json.VisitInfoInput, Json.EmptyOutput, InputRules.VisitInfo);

    public static TransactionContract<FeeDetailUploadInput, FeeDetailUploadOutput> OutpatientFeeUpload { get; } =
        new("2204", "门诊费用明细上传 outpatient fee upload", Json.FeeDetailUploadInput, Json.FeeDetailUploadOutput, InputRules.FeeUpload);

    public static TransactionContract<FeeDetailCancelInput, EmptyOutput> OutpatientFeeCancel { get; } =
        new("2205", "门诊费用明细撤销 outpatient fee cancel", Json.FeeDetailCancelInput, Json.EmptyOutput, InputRules.FeeCancel);

    public static TransactionContract<SettlementInput, SettlementOutput> OutpatientPreSettlement { get; } =
        new("2206", "门诊预结算 outpatient pre-settlement", Json.SettlementInput, Json.SettlementOutput, InputRules.Settlement);

    public static TransactionContract<SettlementInput, SettlementOutput> OutpatientSettlement { get; } =
        new("2207", "门诊结算 outpatient settlement", Json.SettlementInput, Json.SettlementOutput, InputRules.Settlement);

    public static TransactionContract<SettlementCancelInput, SettlementOutput> OutpatientSettlementCancel { get; } =
        new("2208", "门诊结算撤销 outpatient settlement cancel", Json.SettlementCancelInput, Json.SettlementOutput, InputRules.SettlementCancel);

    public static TransactionContract<FeeDetailUploadInput, FeeDetailUploadOutput> InpatientFeeUpload { get; } =
        new("2301", "住院费用明细上传 inpatient fee upload", Json.FeeDetailUploadInput, Json.FeeDetailUploadOutput, InputRules.FeeUpload);

    public static TransactionContract<FeeDetailCancelInput, EmptyOutput> InpatientFeeCancel { get; } =
        new("2302", "住院费用明细撤销 inpatient fee cancel", Json.FeeDetailCancelInput, Json.EmptyOutput, InputRules.FeeCancel);

    public static TransactionContract<SettlementInput, SettlementOutput> InpatientPreSettlement { get; } =
        new("2303", "住院预结算 inpatient pre-settlement", Json.SettlementInput, Json.SettlementOutput, InputRules.Settlement);

    public static TransactionContract<SettlementInput, SettlementOutput> InpatientSettlement { get; } =
        new("2304", "住院结算 inpatient settlement", Json.SettlementInput, Json.SettlementOutput, InputRules.Settlement);

    public static TransactionContract<SettlementCancelInput, SettlementOutput> InpatientSettlementCancel { get; } =
        new("2305", "住院结算撤销 inpatient settlement cancel", Json.SettlementCancelInput, Json.SettlementOutput, InputRules.SettlementCancel);

    public static TransactionContract<AdmissionInput, AdmissionOutput> Admission { get; } =
        new("2401", "入院办理 admission", Json.AdmissionInput, Json.AdmissionOutput, InputRules.Admission);

    public static TransactionContract<DischargeInput, EmptyOutput> Discharge { get; } =
        new("2402", "出院办理 discharge", Json.DischargeInput, Json.EmptyOutput, InputRules.Discharge);

    public static TransactionContract<PharmacySettlementInput, SettlementOutput> PharmacyPreSettlement { get; } =
        new("2101", "药店预结算 pharmacy pre-settlement", Json.PharmacySettlementInput, Json.SettlementOutput, InputRules.PharmacySettlement);

    public static TransactionContract<PharmacySettlementInput, SettlementOutput> PharmacySettlement { get; } =
        new("2102", "药店结算 pharmacy settlement", Json.PharmacySettlementInput, Json.SettlementOutput, InputRules.PharmacySettlement);

    public static TransactionContract<SettlementCancelInput, SettlementOutput> PharmacySettlementCancel { get; } =
        new("2103", "药店结算撤销 pharmacy settlement cancel", Json.SettlementCancelInput, Json.SettlementOutput, InputRules.SettlementCancel);

    public static TransactionContract<DailyReconciliationInput, DailyReconciliationOutput> DailyReconciliation { get; } =
        new("3201", "对总账 daily totals reconciliation", Json.DailyReconciliationInput, Json.DailyReconciliationOutput, InputRules.DailyReconciliation);

    public static TransactionContract<DetailReconciliationInput, DetailReconciliationOutput> DetailReconciliation { get; } =
        new("3202", "对明细账 detail reconciliation", Json.DetailReconciliationInput, Json.DetailReconciliationOutput, InputRules.DetailReconciliation);

    internal static IReadOnlyList<ITransactionContract> All { get; } =
    [
        PersonInfo, SignIn, OutpatientRegister, OutpatientRegisterCancel, OutpatientVisitInfo, OutpatientFeeUpload,
        OutpatientFeeCancel, OutpatientPreSettlement, OutpatientSettlement, OutpatientSettlementCancel, InpatientFeeUpload,
        InpatientFeeCancel, InpatientPreSettlement, InpatientSettlement, InpatientSettlementCancel, Admission, Discharge,
        PharmacyPreSettlement, PharmacySettlement, PharmacySettlementCancel, DailyReconciliation, DetailReconciliation,
    ];
}
