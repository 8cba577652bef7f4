using System.Text;

namespace Medisettle.LoadTest.Files;

/// <summary>
/// A text file the load tool appends lines to while it runs (the acks file, a recording): each line goes to the
/// operating system in one unbuffered write, so a crash of the load tool loses at most the line being written (no
/// fsync: a crash of the machine can lose more). An existing file is appended to. Thread-safe.
/// </summary>
public sealed class LineFile : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private long _count;

    public LineFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // bufferSize 0: no FileStream buffer, every Write is one write(2) of a whole line.
        _file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        FilePath = full;
    }

    public string FilePath { get; }

    /// <summary>Lines written through this instance (not counting what the file held before).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Appends <paramref name="line"/> and a newline in one write.</summary>
    public void Append(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            _file.Write(bytes);
            _file.Flush();
        }

        Interlocked.Increment(ref _count);
    }

    public void Dispose() => _file.Dispose();
}
