using Medisettle.Storage.GroupCommit;

namespace Medisettle.Storage.Tests;

/// <summary>Where several writers lock rows (PostgreSQL), a batch takes its rows in one order: by grain type, key and state name.</summary>
public sealed class BatchRowOrderTests
{
    [Fact]
    public void A_batch_is_ordered_by_its_rows_keys_and_writes_of_one_row_keep_their_order()
    {
        PendingWrite Write(string type, string key, string name, long expected) => new(new StateWrite(type, key, name, expected, null, []));
        var batch = new[]
        {
            Write("person", "P2", "state", 1), Write("fund", "F1", "state", 1), Write("person", "P10", "state", 1),
            Write("person", "P2", "state", 7), Write("person", "P2", "cursor", 1), Write("fund", "F1", "state", 2),
        };

        var ordered = GroupCommitGrainStorage.InRowOrder(batch);

        Assert.Equal(
            ["fund/F1/state/1", "fund/F1/state/2", "person/P10/state/1", "person/P2/cursor/1", "person/P2/state/1", "person/P2/state/7"],
            ordered.Select(p => $"{p.Write.GrainType}/{p.Write.GrainKey}/{p.Write.StateName}/{p.Write.ExpectedVersion}"));
    }
}
