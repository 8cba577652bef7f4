using System.Diagnostics;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.WhatIf;

/// <summary>
/// What-if replay (基金测算): re-runs the journaled settlements of a period through <see cref="SettlementEngine"/>
/// under a candidate policy pack, in journal order, on in-memory person state only — no grain, no storage write.
/// </summary>
/// <remarks>
/// Start state: every person starts from zero accumulators at their first journaled settlement, and every journaled
/// settlement and cancel up to the period's end is taken in journal order, so the state at the period start is the live
/// state rebuilt from the journal (the benefit-year reset makes older years irrelevant). The account balance before a
/// person's first settlement is taken from that record (balance after + paid). Outside the period both runs take each
/// settlement as recorded; inside it the "before" run is the recorded split (re-run under the packs in force as a
/// consistency check: a difference is a mismatch) and the "after" run is the candidate's. Settlements journaled without
/// their input (<see cref="SettlementRecord.Input"/> null, older rows) still rebuild the state as recorded but cannot be
/// re-run: inside the period they are counted as not replayable and left out of the totals.
/// </remarks>
public sealed partial class WhatIfReplay
{
    private readonly SettlementEngine _inForceEngine;
    private readonly SettlementEngine _candidateEngine;
    private readonly PolicyPackCatalog _inForce;
    private readonly PolicyPackCatalog _candidate;
    private readonly PolicyPack _candidatePack;
    private readonly WhatIfOptions _options;
    private readonly Dictionary<string, PersonReplay> _persons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplayedSettlement> _settlements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PaymentTotals Before, PaymentTotals After)> _groups = new(StringComparer.Ordinal);
    private readonly PaymentTotals _before = new();
    private readonly PaymentTotals _after = new();
    private readonly List<string> _mismatchSamples = [];
    private readonly List<string> _refusalSamples = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _records;
    private long _cancelledInPeriod;
    private long _notReplayable;
    private long _replayedBefore;
    private long _mismatches;
    private long _refused;

    /// <param name="inForce">The packs in force when the settlements were made.</param>
    /// <param name="candidate">The candidate pack; it replaces the pack of the same id in force, or is added.</param>
    /// <param name="options">The period and the report bounds.</param>
    /// <exception cref="PolicyPackException">The candidate does not fit with the packs in force (overlapping sections).</exception>
    public WhatIfReplay(PolicyPackCatalog inForce, PolicyPack candidate, WhatIfOptions options)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _inForce = inForce;
        _candidatePack = candidate;
        _candidate = new PolicyPackCatalog(inForce.Packs.Where(p => p.Id != candidate.Id).Append(candidate), inForce.OffsitePairs);
        _inForceEngine = new SettlementEngine(inForce);
        _candidateEngine = new SettlementEngine(_candidate);
        _options = options;
    }

    /// <summary>Journal entries read per page by <see cref="RunAsync"/>.</summary>
    public const int PageSizeMax = 10_000;

    /// <summary>Reads every person stream of the journal (settlements and cancels, in sequence order) and replays it.</summary>
    public async Task<WhatIfResult> RunAsync(IJournal journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        long after = 0;
        while (true)
        {
            var page = await journal.ReadByStreamPrefixAsync(LedgerNames.PersonStream(""), after, PageSizeMax, cancellationToken);
            if (page.Count == 0)
            {
                return Result();
            }

            foreach (var entry in page)
            {
                Add(entry);
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>Takes one journal entry of a person stream (others are ignored), in sequence order.</summary>
    public void Add(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (LedgerNames.IsSettlementRecord(entry))
        {
            Add(LedgerJson.Deserialize<SettlementRecord>(entry));
        }
        else if (entry.EntryId.StartsWith(LedgerNames.CancellationEntry(""), StringComparison.Ordinal))
        {
            Add(LedgerJson.Deserialize<CancellationRecord>(entry));
        }
    }

    public void Add(SettlementRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records++;
        var recorded = record.Breakdown;
        var person = PersonOf(record.PersonId, recorded);
        var inPeriod = recorded.SettlementDate >= _options.From && recorded.SettlementDate <= _options.To;
        var replayable = record.Input is not null;
        var group = replayable ? GroupOf(record.Input!.Person) : $"{record.Scheme}/?";
        SettlementBreakdown? after = null;
        if (replayable)
        {
            CheckBefore(person.Before, record);
        }
        else
        {
            person.Before.Apply(recorded);
        }

        if (inPeriod && replayable)
        {
            after = RunAfter(person.After, record);
            Count(person, group, recorded, after, record.Input!, 1);
        }
        else
        {
            person.After.Apply(recorded);
            if (inPeriod)
            {
                _notReplayable++;
            }
        }

        _settlements[record.SettlementId] = new ReplayedSettlement(Strip(recorded), after is null ? null : Strip(after), inPeriod, replayable, group);
    }

    public void Add(CancellationRecord cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        _records++;
        if (!_settlements.Remove(cancel.SettlementId, out var settled) || !_persons.TryGetValue(cancel.PersonId, out var person))
        {
            return;
        }

        person.Before.Reverse(settled.Recorded, cancel.SettlementId);
        if (settled.InPeriod && settled.Replayable)
        {
            if (settled.After is { } after)
            {
                person.After.Reverse(after, cancel.SettlementId);
            }
            else
            {
                person.After.History = person.After.History.Without(cancel.SettlementId);
            }

            Count(person, settled.Group, settled.Recorded, settled.After, null, -1);
            _cancelledInPeriod++;
        }
        else
        {
            person.After.Reverse(settled.Recorded, cancel.SettlementId);
            if (settled.InPeriod)
            {
                _notReplayable--;
                _cancelledInPeriod++;
            }
        }
    }

    /// <summary>The report of everything added so far.</summary>
    public WhatIfResult Result()
    {
        var atCap = new Dictionary<string, (long Before, long After, long Persons)>(StringComparer.Ordinal);
        var changes = new List<PersonChange>();
        long capBefore = 0, capAfter = 0, persons = 0;
        foreach (var (personId, person) in _persons)
        {
            if (person.LastInput is not { } input || person.SettlementsInPeriod == 0)
            {
                continue;
            }

            var before = ReachedCap(_inForce, person.Before, person, input);
            var after = ReachedCap(_candidate, person.After, person, input);
            persons++;
            capBefore += before ? 1 : 0;
            capAfter += after ? 1 : 0;
            var tally = atCap.GetValueOrDefault(person.Group!);
            atCap[person.Group!] = (tally.Before + (before ? 1 : 0), tally.After + (after ? 1 : 0), tally.Persons + 1);
            changes.Add(new PersonChange
            {
                Person = Mask(personId),
                Group = person.Group!,
                Settlements = person.SettlementsInPeriod,
                FundPaidBefore = person.FundPaidBefore,
                FundPaidAfter = person.FundPaidAfter,
                Change = person.FundPaidAfter - person.FundPaidBefore,
                AtCapBefore = before,
                AtCapAfter = after,
            });
        }

        return new WhatIfResult
        {
            From = _options.From,
            To = _options.To,
            CandidatePackId = _candidatePack.Id,
            CandidateSource = _candidatePack.SourceFile,
            RecordsRead = _records,
            SettlementsInPeriod = _before.Settlements,
            CancelledInPeriod = _cancelledInPeriod,
            NotReplayable = _notReplayable,
            ReplayedBefore = _replayedBefore,
            Mismatches = _mismatches,
            MismatchSamples = [.. _mismatchSamples],
            RefusedByCandidate = _refused,
            RefusalSamples = [.. _refusalSamples],
            Before = _before,
            After = _after,
            Delta = PaymentTotals.Delta(_before, _after),
            Groups = [.. _groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GroupTotals
            {
                Group = g.Key,
                Persons = atCap.GetValueOrDefault(g.Key).Persons,
                PersonsAtCapBefore = atCap.GetValueOrDefault(g.Key).Before,
                PersonsAtCapAfter = atCap.GetValueOrDefault(g.Key).After,
                Before = g.Value.Before,
                After = g.Value.After,
                Delta = PaymentTotals.Delta(g.Value.Before, g.Value.After),
            })],
            PersonsAtCapBefore = capBefore,
            PersonsAtCapAfter = capAfter,
            PersonsInPeriod = persons,
            LargestChanges = [.. changes
                .Where(c => !c.Change.IsZero)
                .OrderByDescending(c => Math.Abs(c.Change.Fen)).ThenBy(c => c.Person, StringComparer.Ordinal)
                .Take(_options.TopChanges)],
            ElapsedSeconds = Stopwatch.GetElapsedTime(_started).TotalSeconds,
        };
    }
}
