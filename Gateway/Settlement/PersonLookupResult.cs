using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Settlement;

/// <summary>What <see cref="PersonLookup.FindAsync"/> answers: the person found, or the infcode and err_msg refusing the request.</summary>
public sealed record PersonLookupResult(PersonSnapshot? Person, int Infcode, string? ErrMsg)
{
    public static PersonLookupResult Found(PersonSnapshot person) => new(person, 0, null);

    public static PersonLookupResult Refuse(int infcode, string errMsg) => new(null, infcode, errMsg);
}
