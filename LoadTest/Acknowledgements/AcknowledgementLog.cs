using System.Text;

namespace Medisettle.LoadTest.Acknowledgements;

/// <summary>
/// The acks file: every acknowledged settlement appended as one <see cref="AcknowledgementLine"/> the moment it is
/// acknowledged. Each line goes to the operating system in one unbuffered write, so a crash of the load tool loses at
/// most the line being written (no fsync: a crash of the machine can lose more). An existing file is appended to.
/// Thread-safe.
/// </summary>
public sealed class AcknowledgementLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private long _count;

    public AcknowledgementLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // bufferSize 0: no FileStream buffer, every Write is one write(2) of a whole line.
        _file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        FilePath = full;
    }

    public string FilePath { get; }

    /// <summary>Lines written by this log (not counting what the file held before).</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Append(AcknowledgementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var bytes = Encoding.UTF8.GetBytes(line.Format() + "\n");
        lock (_gate)
        {
            _file.Write(bytes);
            _file.Flush();
        }

        Interlocked.Increment(ref _count);
    }

    public void Dispose() => _file.Dispose();
}
