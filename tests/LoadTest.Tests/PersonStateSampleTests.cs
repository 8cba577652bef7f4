using Medisettle.Grains.Demo;
using Medisettle.Grains.Persons;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Bench;
using Medisettle.Storage.Serialization;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class PersonStateSampleTests
{
    private static readonly JsonGrainStateSerializer Serializer = new(JsonGrainStateSerializer.CreateDefaultOptions());

    [Fact]
    public void Sample_is_a_demo_employee_after_four_settlements_of_the_real_engine()
    {
        var sample = PersonStateSample.Create(PolicyPackLoader.DefaultDirectory);

        var state = sample.NewState();
        Assert.Equal(sample.PersonId, state.Profile!.PersonId);
        Assert.Equal(Scheme.Employee, state.Profile.Scheme);
        Assert.Equal(DemoData.DemoRegion, state.Profile.InsuredRegion);
        Assert.Equal(PersonStateSample.SettlementCount, state.ActiveSettlements.Count);
        Assert.Equal(PersonStateSample.SettlementCount, state.RecentMessages.Count);
        Assert.All(state.RecentMessages, m => Assert.Equal(SettlementStatus.Settled, m.Status));
        Assert.Equal([2026], state.Years.Keys);
        Assert.Equal(Serializer.Serialize(state).ToMemory().Length, sample.JsonBytes);
    }

    [Fact]
    public void Sample_is_the_same_every_time()
    {
        var first = Serializer.Serialize(PersonStateSample.Create(PolicyPackLoader.DefaultDirectory).NewState()).ToArray();
        var second = Serializer.Serialize(PersonStateSample.Create(PolicyPackLoader.DefaultDirectory).NewState()).ToArray();

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1_000)]
    [InlineData(9_999_999_999)]
    public void A_settlement_shaped_change_keeps_the_state_size_and_takes_the_new_settlement(long writes)
    {
        var sample = PersonStateSample.Create(PolicyPackLoader.DefaultDirectory);
        var state = sample.NewState();

        for (var sequence = Math.Max(1, writes - 5); sequence <= writes; sequence++)
        {
            PersonStateSample.ApplyNextSettlement(state, sequence);
            Assert.Equal(sample.JsonBytes, Serializer.Serialize(state).ToMemory().Length);
        }

        var newest = state.RecentMessages[^1].SettlementId!;
        Assert.Equal(PersonStateSample.SettlementCount, state.RecentMessages.Count);
        Assert.Equal(PersonStateSample.SettlementCount, state.ActiveSettlements.Count);
        Assert.Equal(30, newest.Length);
        Assert.Contains(state.ActiveSettlements.Values, a => a.SettlementId == newest);
    }

    [Fact]
    public void A_state_without_remembered_answers_is_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => PersonStateSample.ApplyNextSettlement(new PersonState(), 1));

        Assert.Equal("state", exception.ParamName);
    }
}
