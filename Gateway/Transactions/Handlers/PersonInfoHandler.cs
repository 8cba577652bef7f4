using Medisettle.Gateway.Settlement;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 1101 人员信息获取: the person by the credential number (here the psn_no; the demo has no ID-card index), with
/// the enrolment (<c>balc</c> = personal-account balance) and assistance identities.
/// </summary>
public sealed class PersonInfoHandler(IGrainFactory grains) : TransactionHandler<PersonInfoInput, PersonInfoOutput>(TransactionContracts.PersonInfo)
{
    /// <summary>Reads only.</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.None;

    protected override async ValueTask<HandlerOutcome<PersonInfoOutput>> ExecuteAsync(TransactionRequest<PersonInfoInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await PersonLookup.FindAsync(grains, request.Input.Data.MdtrtCertNo, request.Context.Envelope);
        if (check.Person is not { } person)
        {
            return HandlerOutcome<PersonInfoOutput>.Reject(check.Infcode, check.ErrMsg!);
        }

        var profile = person.Profile;
        var since = profile.EnrolmentDate.ToString(WireTime.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        var status = profile.BenefitsSuspended ? "2" : profile.EnrolmentEndDate is not null ? "4" : "1";
        var output = new PersonInfoOutput
        {
            Baseinfo = new PersonBaseInfo
            {
                PsnNo = profile.PersonId,
                PsnCertType = "99",
                Certno = profile.PersonId,
                PsnName = "",
                Gend = "9",
                Brdy = "",
                Age = 0,
            },
            Insuinfo =
            [
                new PersonInsuranceInfo
                {
                    Balc = WireAmount.ToYuan(person.AccountBalance),
                    Insutype = WireCodes.Insutype(profile.Scheme),
                    PsnType = WireCodes.PersonType(profile.Category),
                    PsnInsuStas = status,
                    PsnInsuDate = since,
                    PausInsuDate = profile.EnrolmentEndDate?.ToString(WireTime.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
                    InsuplcAdmdvs = profile.InsuredRegion,
                },
            ],
            Idetinfo = [.. profile.AssistanceStatuses.Select(s => new PersonIdentityInfo
            {
                PsnIdetType = WireCodes.IdentityType(s),
                Memo = s.ToString(),
                Begntime = since + " 00:00:00",
            })],
        };
        return HandlerOutcome<PersonInfoOutput>.Ok(output);
    }
}
