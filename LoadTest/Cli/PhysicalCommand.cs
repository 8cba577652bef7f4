using System.CommandLine;
using System.Globalization;
using System.Text;
using Medisettle.LoadTest.Bench;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>physical</c>: the machine's ceiling for durable settlements on SQLite (<see cref="PhysicalLimits"/>) and the
/// disk's fsync latency; prints a Markdown table and writes it to <c>physical.md</c> in <c>--out</c>. Compare the
/// <c>inprocess</c> command's durable settlements/s with it.
/// </summary>
internal static class PhysicalCommand
{
    public static Command Create()
    {
        var defaults = new PhysicalLimitsOptions { Directory = "" };
        var settlements = new Option<int>("--settlements") { Description = "Settlements written per case", DefaultValueFactory = _ => defaults.Settlements };
        var batch = new Option<int>("--batch") { Description = "Settlements per transaction (default 256: the group-commit writer averaged 200-550 writes per transaction under a backlog, up to its GroupCommitBatchMax of 4,096)", DefaultValueFactory = _ => defaults.Batch };
        var rowBytes = new Option<int>("--row-bytes") { Description = "Bytes of the compact settlement row", DefaultValueFactory = _ => defaults.CompactRowBytes };
        var persons = new Option<int>("--persons") { Description = "Rows of the person table updated at random", DefaultValueFactory = _ => defaults.Persons };
        var personBytes = new Option<int>("--person-row-bytes") { Description = "Bytes of each person row", DefaultValueFactory = _ => defaults.PersonRowBytes };
        var fsyncs = new Option<int>("--fsyncs") { Description = "fsyncs per latency measurement", DefaultValueFactory = _ => defaults.Fsyncs };
        var directory = new Option<string>("--dir") { Description = "Directory of the scratch files (default: a new temp directory, removed afterwards)" };
        var output = new Option<string>("--out") { Description = "Report directory", DefaultValueFactory = _ => Path.Combine("data", "loadtest") };
        var command = new Command("physical", "SQLite's ceiling on this machine for settlement-shaped durable writes (one writer, batches, WAL, synchronous=FULL) and the fsync latency.");
        foreach (var option in new Option[] { settlements, batch, rowBytes, persons, personBytes, fsyncs, directory, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new PhysicalLimitsOptions
            {
                Directory = result.GetValue(directory) ?? Path.Combine(Path.GetTempPath(), "medisettle-physical-" + Guid.NewGuid().ToString("N")),
                Settlements = result.GetValue(settlements),
                Batch = result.GetValue(batch),
                CompactRowBytes = result.GetValue(rowBytes),
                Persons = result.GetValue(persons),
                PersonRowBytes = result.GetValue(personBytes),
                Fsyncs = result.GetValue(fsyncs),
            };
            if (Validate(options) is { } error)
            {
                await Console.Error.WriteLineAsync("physical: " + error);
                return 2;
            }

            var removeDirectory = result.GetValue(directory) is null;
            try
            {
                var report = await new PhysicalLimits(options).RunAsync(Console.Out, cancellationToken);
                var markdown = Markdown(options, report);
                var outDirectory = result.GetValue(output)!;
                Directory.CreateDirectory(outDirectory);
                await File.WriteAllTextAsync(Path.Combine(outDirectory, "physical.md"), markdown, cancellationToken);
                Console.WriteLine();
                Console.Write(markdown);
                Console.WriteLine($"report: {Path.Combine(outDirectory, "physical.md")}");
                return 0;
            }
            finally
            {
                if (removeDirectory && Directory.Exists(options.Directory))
                {
                    Directory.Delete(options.Directory, recursive: true);
                }
            }
        });
        return command;
    }

    internal static string? Validate(PhysicalLimitsOptions options) =>
        options.Settlements < 1 ? $"--settlements must be at least 1, not {options.Settlements}"
        : options.Batch < 1 ? $"--batch must be at least 1, not {options.Batch}"
        : options.CompactRowBytes < 1 ? $"--row-bytes must be at least 1, not {options.CompactRowBytes}"
        : options.Persons < 1 ? $"--persons must be at least 1, not {options.Persons}"
        : options.PersonRowBytes < 1 ? $"--person-row-bytes must be at least 1, not {options.PersonRowBytes}"
        : options.Fsyncs < 1 ? $"--fsyncs must be at least 1, not {options.Fsyncs}"
        : null;

    internal static string Markdown(PhysicalLimitsOptions options, PhysicalReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"SQLite, WAL, synchronous=FULL, one writer, {options.Batch} settlements per transaction, {options.Settlements:N0} settlements per case, {options.Persons:N0} person rows of {options.PersonRowBytes:N0} B, compact row {options.CompactRowBytes:N0} B.");
        text.AppendLine();
        text.AppendLine("| Per settlement | Settlements/s | Rows | Payload bytes |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var measured in report.Cases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {measured.Name} | {measured.SettlementsPerSecond:N0} | {measured.RowsPerSettlement:F1} | {measured.PayloadBytesPerSettlement:N0} |");
        }

        text.AppendLine();
        text.AppendLine("| fsync after appending | p50 | p99 |");
        text.AppendLine("|---|---:|---:|");
        foreach (var fsync in report.Fsyncs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {fsync.Bytes / 1024:N0} KiB | {fsync.P50Microseconds / 1000:F2} ms | {fsync.P99Microseconds / 1000:F2} ms |");
        }

        return text.ToString();
    }
}
