using System.Text.Json.Serialization;

namespace Medisettle.Interfaces.Platform;

/// <summary>
/// Source-generated serialization for every national-platform wire type: snake_case names
/// (<c>PsnNo</c> → <c>psn_no</c>), unknown fields rejected, required fields enforced, <c>null</c>
/// rejected where the property is not nullable, numbers only as JSON numbers, duplicate properties
/// rejected.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 16)]
[JsonSerializable(typeof(Admission))]
[JsonSerializable(typeof(AdmissionInput))]
[JsonSerializable(typeof(AdmissionOutput))]
[JsonSerializable(typeof(DailyReconciliation))]
[JsonSerializable(typeof(DailyReconciliationInput))]
[JsonSerializable(typeof(DailyReconciliationOutput))]
[JsonSerializable(typeof(DetailReconciliation))]
[JsonSerializable(typeof(DetailReconciliationInput))]
[JsonSerializable(typeof(DetailReconciliationOutput))]
[JsonSerializable(typeof(DiagnosisInfo))]
[JsonSerializable(typeof(Discharge))]
[JsonSerializable(typeof(DischargeInput))]
[JsonSerializable(typeof(EmptyOutput))]
[JsonSerializable(typeof(FeeDetail))]
[JsonSerializable(typeof(FeeDetailCancelInput))]
[JsonSerializable(typeof(FeeDetailCancellation))]
[JsonSerializable(typeof(FeeDetailResult))]
[JsonSerializable(typeof(FeeDetailUploadInput))]
[JsonSerializable(typeof(FeeDetailUploadOutput))]
[JsonSerializable(typeof(OutpatientRegisterCancelInput))]
[JsonSerializable(typeof(OutpatientRegisterInput))]
[JsonSerializable(typeof(OutpatientRegisterOutput))]
[JsonSerializable(typeof(OutpatientRegistration))]
[JsonSerializable(typeof(PersonBaseInfo))]
[JsonSerializable(typeof(PersonIdentityInfo))]
[JsonSerializable(typeof(PersonInfoInput))]
[JsonSerializable(typeof(PersonInfoOutput))]
[JsonSerializable(typeof(PersonInfoQuery))]
[JsonSerializable(typeof(PersonInsuranceInfo))]
[JsonSerializable(typeof(PharmacyDrugLine))]
[JsonSerializable(typeof(PharmacySettlementInput))]
[JsonSerializable(typeof(PharmacySettlementRequest))]
[JsonSerializable(typeof(PlatformRequest))]
[JsonSerializable(typeof(PlatformResponse))]
[JsonSerializable(typeof(ReconciliationDetailLine))]
[JsonSerializable(typeof(ReconciliationMismatch))]
[JsonSerializable(typeof(ReconciliationResult))]
[JsonSerializable(typeof(SettlementCancelInput))]
[JsonSerializable(typeof(SettlementCancellation))]
[JsonSerializable(typeof(SettlementFundDetail))]
[JsonSerializable(typeof(SettlementInfo))]
[JsonSerializable(typeof(SettlementInput))]
[JsonSerializable(typeof(SettlementOutput))]
[JsonSerializable(typeof(SettlementRequest))]
[JsonSerializable(typeof(SignInInput))]
[JsonSerializable(typeof(SignInOutput))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SignInResult))]
[JsonSerializable(typeof(VisitCancellation))]
[JsonSerializable(typeof(VisitInfo))]
[JsonSerializable(typeof(VisitInfoInput))]
[JsonSerializable(typeof(VisitRegistration))]
public sealed partial class PlatformJsonContext : JsonSerializerContext;
