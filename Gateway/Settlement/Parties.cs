using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Settlement;

/// <summary>Checks shared by the transaction handlers: the person exists and belongs to the envelope's insured region.</summary>
public static class Parties
{
    /// <summary>The person, or the refusal (infcode and err_msg).</summary>
    public static async Task<PartyCheck> FindPersonAsync(IGrainFactory grains, string personId, PlatformRequest envelope)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(envelope);
        var person = await grains.GetGrain<IPersonGrain>(personId).GetSnapshotAsync();
        if (person is null)
        {
            return PartyCheck.Refuse(Infcodes.UnknownPerson, $"UnknownPerson: person {Diagnostics.LogMasking.MaskIdNumber(personId)} is not enrolled");
        }

        var region = person.Profile.InsuredRegion;
        return envelope.InsuplcAdmdvs is { } declared && declared != region
            ? PartyCheck.Refuse(Infcodes.BusinessRejection, $"RegionMismatch: insuplc_admdvs {declared} is not the person's insured region {region}")
            : PartyCheck.Found(person);
    }

    /// <summary>err_msg of a refused visit operation: "{code}: {message}".</summary>
    public static string Describe(VisitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return $"{outcome.Rejection}: {outcome.Message}";
    }

    /// <summary>The settlement date: the day the gateway received the request, at the wire offset.</summary>
    public static DateOnly Today(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.DateTime);

    /// <summary>The date of a wire date-time the contract has already checked ("yyyy-MM-dd HH:mm:ss").</summary>
    public static DateOnly DateOf(string checkedDateTime) =>
        WireTime.TryParseDateTime(checkedDateTime, out var value)
            ? DateOnly.FromDateTime(value)
            : throw new ArgumentException($"'{checkedDateTime}' is not a {WireTime.DateTimeFormat} time.", nameof(checkedDateTime));
}
