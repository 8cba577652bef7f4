using Medisettle.LoadTest.Acknowledgements;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class AcknowledgementFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("loadtest-acks-");

    [Fact]
    public void A_line_is_four_tab_separated_fields()
    {
        var line = new AcknowledgementLine("P99000100000202603020902030001", "S2026030200a1b2c3d4e5f60718293a4b", "99000100000000", "2102");

        Assert.Equal("P99000100000202603020902030001\tS2026030200a1b2c3d4e5f60718293a4b\t99000100000000\t2102", line.Format());
        Assert.Equal(line, AcknowledgementLine.Parse(line.Format()));
    }

    [Theory]
    [InlineData("m\ts\tp")]
    [InlineData("m\ts\tp\t2102\textra")]
    [InlineData("m\t\tp\t2102")]
    [InlineData("")]
    public void A_line_without_four_non_empty_fields_does_not_parse(string text)
    {
        Assert.Null(AcknowledgementLine.Parse(text));
    }

    [Fact]
    public void A_field_with_a_tab_is_refused_when_writing()
    {
        Assert.Throws<ArgumentException>(() => new AcknowledgementLine("m\t1", "s", "p", "2102").Format());
    }

    [Fact]
    public async Task Log_appends_one_line_per_acknowledgement_and_the_file_reads_back()
    {
        var path = Path.Combine(_directory.FullName, "sub", "acks.tsv");
        using (var log = new AcknowledgementLog(path))
        {
            log.Append(new AcknowledgementLine("m1", "s1", "p1", "2102"));
            log.Append(new AcknowledgementLine("m2", "s2", "p2", "2207"));
            Assert.Equal("m1\ts1\tp1\t2102\nm2\ts2\tp2\t2207\n", await ReadSharedAsync(path)); // written through, before disposal
        }

        using (var again = new AcknowledgementLog(path))
        {
            again.Append(new AcknowledgementLine("m3", "s3", "p3", "2304"));
        }

        var file = await AcknowledgementFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(["m1", "m2", "m3"], file.Lines.Select(l => l.MessageId));
        Assert.Empty(file.MalformedLineNumbers);
        Assert.False(file.IncompleteLastLine);
    }

    [Fact]
    public async Task Reading_reports_malformed_lines_by_number_and_ignores_an_incomplete_last_line()
    {
        var path = Path.Combine(_directory.FullName, "acks.tsv");
        await File.WriteAllTextAsync(path, "m1\ts1\tp1\t2102\nbroken line\n\nm2\ts2\tp2\t2207\nm3\ts3\tp");

        var file = await AcknowledgementFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(["m1", "m2"], file.Lines.Select(l => l.MessageId));
        Assert.Equal([2, 3], file.MalformedLineNumbers);
        Assert.True(file.IncompleteLastLine);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
