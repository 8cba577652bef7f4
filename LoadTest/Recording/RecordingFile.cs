using System.Text;

namespace Medisettle.LoadTest.Recording;

/// <summary>A recording read back for <c>replay</c>: every line checked, in file order. Blank lines are skipped.</summary>
public static class RecordingFile
{
    /// <summary>Lines read at most (a day of a large region's institutions is far less); a longer file is refused.</summary>
    public const int LinesMax = 5_000_000;

    /// <exception cref="InvalidDataException">The file is missing, empty, too long, or a line is not a recorded request; the message names the file and the line.</exception>
    public static async Task<IReadOnlyList<RecordedRequest>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"--requests '{path}' does not exist.");
        }

        var requests = new List<RecordedRequest>();
        var number = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (requests.Count == LinesMax)
            {
                throw new InvalidDataException($"'{path}' holds more than {LinesMax:N0} requests (RecordingFile.LinesMax); split it.");
            }

            try
            {
                requests.Add(RecordedRequest.Parse(line) with { LineNumber = number });
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"line {number} of '{path}' {(e.Message.StartsWith("is ", StringComparison.Ordinal) ? "" : "is not a recorded request: ")}{e.Message}.", e);
            }
        }

        return requests.Count == 0 ? throw new InvalidDataException($"'{path}' holds no requests.") : requests;
    }
}
