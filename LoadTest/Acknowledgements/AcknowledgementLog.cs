using Medisettle.LoadTest.Files;

namespace Medisettle.LoadTest.Acknowledgements;

/// <summary>
/// The acks file: every acknowledged settlement appended as one <see cref="AcknowledgementLine"/> the moment it is
/// acknowledged, one unbuffered write per line (<see cref="LineFile"/>). Thread-safe.
/// </summary>
public sealed class AcknowledgementLog(string path) : IDisposable
{
    private readonly LineFile _file = new(path);

    public string FilePath => _file.FilePath;

    /// <summary>Lines written by this log (not counting what the file held before).</summary>
    public long Count => _file.Count;

    public void Append(AcknowledgementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _file.Append(line.Format());
    }

    public void Dispose() => _file.Dispose();
}
