using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Settlement;

/// <summary>A person found, or the infcode and err_msg refusing the request.</summary>
public sealed record PartyCheck(PersonSnapshot? Person, int Infcode, string? ErrMsg)
{
    public static PartyCheck Found(PersonSnapshot person) => new(person, 0, null);

    public static PartyCheck Refuse(int infcode, string errMsg) => new(null, infcode, errMsg);
}
