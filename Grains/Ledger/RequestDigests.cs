namespace Medisettle.Grains.Ledger;

/// <summary>
/// How a request's digest (SHA-256 as 64 lower-case hex characters: the gateway's, or <c>CommandDigest</c>'s) is kept
/// with its first answer, in a message receipt and in a person's recent answers: its first 128 bits
/// (<see cref="StoredLength"/> characters). A msgid reused for a different request is told apart from a retry just the
/// same (the digests only ever meet a retry of the same institution's msgid, and a chance match of 128 bits does not
/// happen), and each receipt and remembered answer is 32 characters shorter, about 16 bytes once compressed. Digests
/// kept whole before still match their retries.
/// </summary>
public static class RequestDigests
{
    /// <summary>Hex characters kept of a digest.</summary>
    public const int StoredLength = 32;

    /// <summary>What is kept of <paramref name="digest"/>.</summary>
    public static string Stored(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Length > StoredLength ? digest[..StoredLength] : digest;
    }

    /// <summary>Whether a kept digest (<see cref="Stored"/>, or a whole one kept before) is that of the request whose digest is <paramref name="digest"/>.</summary>
    public static bool Matches(string kept, string digest)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(digest);
        return kept.Length == StoredLength && digest.Length > StoredLength
            ? digest.StartsWith(kept, StringComparison.Ordinal)
            : kept == digest;
    }
}
