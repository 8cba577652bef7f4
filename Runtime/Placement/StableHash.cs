using System.Buffers;
using System.Text;

namespace Medisettle.Runtime.Placement;

/// <summary>
/// 32-bit FNV-1a over the UTF-8 bytes of a key: the same value in every process and on every machine
/// (unlike <see cref="string.GetHashCode()"/>). Changing it moves every grain to another partition, so the
/// tests pin golden values.
/// </summary>
public static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;
    private const int StackBufferBytesMax = 256;

    public static uint Compute(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var byteCount = Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        var buffer = byteCount <= StackBufferBytesMax
            ? stackalloc byte[StackBufferBytesMax]
            : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, buffer);
            return Compute(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }

        return hash;
    }

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitionCount"/> partitions.</summary>
    public static int Partition(string key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(Compute(key) % (uint)partitionCount);
    }
}
