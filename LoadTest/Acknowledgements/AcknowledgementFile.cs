using System.Text;

namespace Medisettle.LoadTest.Acknowledgements;

/// <summary>
/// An acks file as read back by <c>verify</c>: its well-formed lines, the numbers of malformed lines, and whether the
/// last line is incomplete (no final <c>\n</c>: the load tool stopped while writing it; it is ignored, not an error).
/// </summary>
public sealed class AcknowledgementFile
{
    private AcknowledgementFile(IReadOnlyList<AcknowledgementLine> lines, IReadOnlyList<int> malformedLineNumbers, bool incompleteLastLine)
    {
        Lines = lines;
        MalformedLineNumbers = malformedLineNumbers;
        IncompleteLastLine = incompleteLastLine;
    }

    public IReadOnlyList<AcknowledgementLine> Lines { get; }

    /// <summary>1-based numbers of complete lines that are not four non-empty tab-separated fields.</summary>
    public IReadOnlyList<int> MalformedLineNumbers { get; }

    public bool IncompleteLastLine { get; }

    public static async Task<AcknowledgementFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        var rows = text.Split('\n');
        // After the last '\n' Split yields "" for a complete file, or the torn tail of a line being written.
        var incomplete = rows[^1].Length > 0;
        var lines = new List<AcknowledgementLine>(rows.Length);
        var malformed = new List<int>();
        for (var i = 0; i < rows.Length - 1; i++)
        {
            if (AcknowledgementLine.Parse(rows[i]) is { } line)
            {
                lines.Add(line);
            }
            else
            {
                malformed.Add(i + 1);
            }
        }

        return new AcknowledgementFile(lines, malformed, incomplete);
    }
}
