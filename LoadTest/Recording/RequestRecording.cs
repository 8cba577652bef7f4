using System.Text;

namespace Medisettle.LoadTest.Recording;

/// <summary>
/// A recording being written (<c>http --record FILE</c>): every request sent is appended with its answer as one
/// <see cref="RecordedRequest"/> line the moment the answer arrives, so lines are in the order the answers came
/// (concurrent requests may be a little out of <c>inf_time</c> order). Each line goes to the operating system in one
/// unbuffered write, as in the acks file; an existing file is appended to. Thread-safe.
/// </summary>
public sealed class RequestRecording : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private long _count;

    public RequestRecording(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // bufferSize 0: no FileStream buffer, every Write is one write(2) of a whole line.
        _file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        FilePath = full;
    }

    public string FilePath { get; }

    /// <summary>Lines written by this recording (not counting what the file held before).</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Append(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = Encoding.UTF8.GetBytes(request.Format() + "\n");
        lock (_gate)
        {
            _file.Write(bytes);
            _file.Flush();
        }

        Interlocked.Increment(ref _count);
    }

    public void Dispose() => _file.Dispose();
}
