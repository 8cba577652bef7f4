using System.Security.Cryptography;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Signing;

/// <summary>
/// An institution's 9001 sign-ins (key fixmedins_code). Idempotent by msgid like every changing request: the last
/// <see cref="RememberedMax"/> sign-ins are kept, and a retry of one of them answers it again.
/// </summary>
public sealed class SignInGrain([PersistentState("signin")] IPersistentState<SignInState> state) : Grain, ISignInGrain
{
    /// <summary>Sign-ins remembered for retries, per institution.</summary>
    public const int RememberedMax = 32;

    /// <summary>Length of a sign_no in hex characters.</summary>
    public const int SignNoLength = 32;

    private SignInState S => state.State;

    public async Task<SignInRecord> SignInAsync(string messageId, string opterNo, DateTimeOffset signedInAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(opterNo);
        var earlier = S.Recent.Find(r => string.Equals(r.MessageId, messageId, StringComparison.Ordinal));
        if (earlier is not null)
        {
            return earlier;
        }

        var record = new SignInRecord
        {
            MessageId = messageId,
            SignNo = RandomNumberGenerator.GetHexString(SignNoLength, lowercase: true),
            OpterNo = opterNo,
            SignedInAt = signedInAt,
        };
        S.Recent.Add(record);
        if (S.Recent.Count > RememberedMax)
        {
            S.Recent.RemoveRange(0, S.Recent.Count - RememberedMax);
        }

        await state.WriteOrReloadAsync();
        return record;
    }

    public Task<SignInRecord?> GetCurrentAsync() => Task.FromResult(S.Recent.Count == 0 ? null : S.Recent[^1]);
}
