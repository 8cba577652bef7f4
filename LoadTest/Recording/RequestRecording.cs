using Medisettle.LoadTest.Files;

namespace Medisettle.LoadTest.Recording;

/// <summary>
/// A recording being written (<c>http --record FILE</c>): every request sent is appended with its answer as one
/// <see cref="RecordedRequest"/> line the moment the answer arrives, so lines are in the order the answers came
/// (concurrent requests may be a little out of <c>inf_time</c> order); one unbuffered write per line, as in the acks
/// file (<see cref="LineFile"/>). An existing file is appended to. Thread-safe.
/// </summary>
public sealed class RequestRecording(string path) : IDisposable
{
    private readonly LineFile _file = new(path);

    public string FilePath => _file.FilePath;

    /// <summary>Lines written by this recording (not counting what the file held before).</summary>
    public long Count => _file.Count;

    public void Append(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _file.Append(request.Format());
    }

    public void Dispose() => _file.Dispose();
}
