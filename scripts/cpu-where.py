#!/usr/bin/env python3
"""Where a .NET process's CPU goes, from `perf script` text on stdin (see scripts/cpu-profile.sh).

Each sample counts once, for one component: GC and the group-commit writer by thread name; otherwise the innermost
frame (leaf first) that matches a component's pattern decides. With MICROSECONDS (the process's CPU per unit of work,
measured without perf), each share is also printed as microseconds per unit.

    perf script -i perf.data | scripts/cpu-where.py [MICROSECONDS]
"""
import collections
import re
import sys

# Innermost match wins, so specific parts (compression, the engine) come before the code that calls them.
COMPONENTS = [
    # zstd's own frames too: with dynamic PGO the codec can be inlined into its caller (a record's append).
    ('payload compression (zstd)', r'PayloadCodec::Encode|JournalAppend::Compress|ZSTD_compress|Compressor::Wrap'),
    ('payload decompression (zstd)', r'PayloadCodec::Decode|ZSTD_decompress|Decompressor::Unwrap'),
    ('settlement engine', r'Medisettle\.Grains\.Policy\.SettlementEngine'),
    ('request digest', r'CommandDigest::Of|RequestDigests'),
    ('JSON of records and states (writing)', r'LedgerJson::Serialize|JsonGrainStateSerializer::Serialize|LedgerWriter::'),
    ('JSON of records and states (reading)', r'LedgerJson::Deserialize|JsonGrainStateSerializer::Deserialize'),
    ('journal and state reads (SQLite, on the pool)',
     r'GroupCommitGrainStorage\+<(FindAsync|ReadEntriesAsync|ReadOwnStream\w*|ReadStreamAsync|ReadStateAsync)|JournalEntry::FromRow|StreamHasEntryAfter'),
    ('storage write path (queueing, completion)', r'GroupCommitGrainStorage|GroupCommitWriter|JournaledState'),
    ('posting dispatcher, institution and fund grains', r'PostingDispatcherGrain|InstitutionGrain|FundPoolGrain|PostingFeed'),
    ('person grain (the rest)', r'Medisettle\.Grains\.Persons'),
    ('gateway: replay window', r'GrainReplayGuard|ReplayWindowGrain|WriteCoalescer'),
    ('gateway: signature check', r'RequestAuthenticator|HMAC|HashAlgorithm'),
    ('gateway: visits', r'VisitGrain|Medisettle\.Grains\.Visits'),
    ('gateway: pipeline and handlers', r'Medisettle\.Gateway'),
    ('other grains', r'Medisettle\.Grains'),
    ('load generator', r'Medisettle\.LoadTest'),
    ('ASP.NET Core and Kestrel', r'Microsoft\.AspNetCore'),
    ('metrics collection (OpenTelemetry readers, Orleans gauges)', r'OpenTelemetry|MeterListener|ObserveCacheSize|Catalog::<\.ctor>'),
    ('Orleans runtime (messaging, scheduling, activations)', r'\[Orleans[\w.]*\] '),
    ('sockets', r'System\.Net\.Sockets'),
    ('thread pool (dispatch, sleeping and waking)', r'PortableThreadPool|LowLevelLifoSemaphore|LowLevelSpinWaiter|ThreadPoolWorkQueue'),
]
PATTERNS = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]


def component(thread, frames):
    if 'Server GC' in thread or 'Background GC' in thread:
        return 'GC threads'
    if thread.startswith('group-commit'):
        leaf = frames[0]
        return 'group-commit writer: ' + ('SQLite' if 'sqlite' in leaf else 'kernel' if 'kernel.kallsyms' in leaf else 'other')
    if thread.startswith('arrivals'):
        return 'load generator'
    for frame in frames:
        for name, pattern in PATTERNS:
            if pattern.search(frame):
                return name
    return 'other: ' + ('kernel' if 'kernel.kallsyms' in frames[0] else 'runtime, native code')


def main():
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else None
    counts = collections.Counter()
    thread, frames = '', []
    for line in list(sys.stdin) + ['\n']:
        if not line.strip():
            if frames:
                counts[component(thread, frames)] += 1
            frames = []
        elif line[0] in ' \t':
            frames.append(line.strip())
        else:
            thread, frames = line[:22], []
    total = sum(counts.values())
    if total == 0:
        sys.exit('no samples on stdin')
    for name, count in counts.most_common():
        share = count / total
        print(f'{share * 100:5.1f} %' + (f'  {share * scale:7.1f} µs' if scale else '') + f'  {name}')
    print(f'{total} samples')


if __name__ == '__main__':
    main()
