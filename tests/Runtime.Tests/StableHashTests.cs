using Medisettle.Runtime.Placement;

namespace Medisettle.Runtime.Tests;

public sealed class StableHashTests
{
    [Theory]
    [InlineData("", 2166136261u)] // FNV-1a 32 reference vectors
    [InlineData("a", 3826002220u)]
    [InlineData("foobar", 3214735720u)]
    public void Hash_is_fnv1a_over_utf8(string key, uint expected) => Assert.Equal(expected, StableHash.Compute(key));

    [Theory]
    [InlineData("a", 300)]
    [InlineData("foobar", 360)]
    [InlineData("person:110101199001011234", 891)]
    [InlineData("机构-H11010500001", 981)]
    [InlineData("pool/110100", 37)]
    public void Partition_of_fixed_keys_never_changes(string key, int expected) =>
        Assert.Equal(expected, new GrainId("any", key).Partition(1024));

    [Fact]
    public void Long_keys_hash_like_short_ones()
    {
        var key = new string('x', 1000);
        Assert.Equal(StableHash.Compute(System.Text.Encoding.UTF8.GetBytes(key)), StableHash.Compute(key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Partition_count_must_be_positive(int partitionCount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StableHash.Partition("a", partitionCount));
}
