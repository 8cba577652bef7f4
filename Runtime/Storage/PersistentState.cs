using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Runtime.Journal;

namespace Medisettle.Runtime.Storage;

/// <summary>
/// <see cref="IPersistentState{TState}"/> bound to one activation. Used only inside that activation's
/// turns, so it needs no locking. The version it last read or wrote is the expected version of the next write.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IActivationState
    where TState : class, new()
{
    private readonly GrainId _grainId;
    private readonly string _stateName;
    private readonly int _partition;
    private readonly IGrainStorage _storage;
    private readonly JsonTypeInfo<TState> _typeInfo;
    private long _version;

    public PersistentState(GrainId grainId, string stateName, int partition, IGrainStorage storage, JsonSerializerOptions serializerOptions)
    {
        _grainId = grainId;
        _stateName = stateName;
        _partition = partition;
        _storage = storage;
        _typeInfo = (JsonTypeInfo<TState>)serializerOptions.GetTypeInfo(typeof(TState));
    }

    public TState State { get; set; } = new();

    public string? Etag => RecordExists ? _version.ToString(CultureInfo.InvariantCulture) : null;

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await _storage.ReadAsync(_grainId, _stateName, cancellationToken);
        _version = record.Version;
        RecordExists = record.Payload is not null;
        State = record.Payload is null ? new TState() : JsonSerializer.Deserialize(record.Payload, _typeInfo) ?? new TState();
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => WriteStateAsync([], cancellationToken);

    public async Task WriteStateAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        var payload = JsonSerializer.Serialize(State, _typeInfo);
        var write = new GrainStateWrite(_grainId, _stateName, _partition, _version, payload, appends);
        _version = await _storage.WriteAsync(write, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        var write = new GrainStateWrite(_grainId, _stateName, _partition, _version, null, []);
        _version = await _storage.WriteAsync(write, cancellationToken);
        RecordExists = false;
        State = new TState();
    }
}
