using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;

namespace Medisettle.Gateway.Transactions;

/// <summary>Sign-ins kept by the institutions' <see cref="ISignInGrain"/>s: shared by every gateway, durable across restarts.</summary>
public sealed class GrainSignInStore(IGrainFactory grains) : ISignInStore
{
    public async ValueTask<SignInSession> SignInAsync(string institution, string messageId, string opterNo, DateTimeOffset signedInAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(institution);
        return ToSession(await grains.GetGrain<ISignInGrain>(institution).SignInAsync(messageId, opterNo, signedInAt));
    }

    public async ValueTask<SignInSession?> FindAsync(string institution, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(institution);
        return await grains.GetGrain<ISignInGrain>(institution).GetCurrentAsync() is { } record ? ToSession(record) : null;
    }

    private static SignInSession ToSession(SignInRecord record) => new(record.MessageId, record.SignNo, record.OpterNo, record.SignedInAt);
}
