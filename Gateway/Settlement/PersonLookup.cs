using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Settlement;

/// <summary>The check shared by the transaction handlers: the person exists and belongs to the envelope's insured region.</summary>
public static class PersonLookup
{
    /// <summary>
    /// The envelope's insured region (<c>insuplc_admdvs</c>) as a settlement command carries it to the person grain,
    /// which refuses a region not the person's; null when the envelope names none.
    /// </summary>
    public static string? DeclaredRegionOf(PlatformRequest envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.InsuplcAdmdvs is { } declared ? Diagnostics.ClientText.Echo(declared) : null;
    }

    /// <summary>The person, or the refusal (infcode and err_msg).</summary>
    public static async Task<PersonLookupResult> FindAsync(IGrainFactory grains, string personId, PlatformRequest envelope)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(envelope);
        var person = await grains.GetGrain<IPersonGrain>(personId).GetSnapshotAsync();
        if (person is null)
        {
            return PersonLookupResult.Refuse(Infcodes.UnknownPerson, $"UnknownPerson: person {Diagnostics.LogMasking.MaskIdNumber(personId)} is not enrolled");
        }

        var region = person.Profile.InsuredRegion;
        return envelope.InsuplcAdmdvs is { } declared && declared != region
            ? PersonLookupResult.Refuse(Infcodes.BusinessRejection, $"RegionMismatch: insuplc_admdvs {Diagnostics.ClientText.Echo(declared)} is not the person's insured region {region}")
            : PersonLookupResult.Found(person);
    }
}
