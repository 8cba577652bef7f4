using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Medisettle.LoadTest.Recording;

/// <summary>
/// One line of a recording of national-platform requests (JSON lines, UTF-8, one object per line ended by <c>\n</c>):
/// <c>{"request": {the envelope as sent}, "answer": {"infcode": 0, "err_msg": …, "warn_msg": …, "output": {…}}}</c>.
/// The envelope is the platform's own (docs/gateway.md): <c>infno</c>, <c>msgid</c>, <c>inf_time</c> (the original
/// time, <c>yyyy-MM-dd HH:mm:ss</c> at +08:00), <c>fixmedins_code</c> and <c>input</c> are required, the other fields
/// are kept as they were. <c>answer</c> is optional: what the service answered at the time.
/// </summary>
public sealed record RecordedRequest
{
    /// <summary>The offset of the wire's local times (<c>inf_time</c>).</summary>
    public static readonly TimeSpan WireOffset = TimeSpan.FromHours(8);

    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The envelope as the platform sent it (a JSON object).</summary>
    public required JsonElement Envelope { get; init; }

    public RecordedAnswer? Answer { get; init; }

    /// <summary>1-based line number in the file it was read from (0 when not read from a file).</summary>
    public int LineNumber { get; init; }

    public string Infno => Envelope.GetProperty("infno").GetString()!;

    public string Msgid => Envelope.GetProperty("msgid").GetString()!;

    public string Institution => Envelope.GetProperty("fixmedins_code").GetString()!;

    /// <summary>The original time of the request (<c>inf_time</c> at +08:00).</summary>
    public DateTimeOffset InfTime => ParseTime(Envelope.GetProperty("inf_time").GetString()) ?? throw new InvalidDataException("inf_time is not a time.");

    /// <summary>The line without its <c>\n</c>: the envelope and the answer, compact.</summary>
    public string Format()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("request");
            Envelope.WriteTo(writer);
            if (Answer is not null)
            {
                writer.WritePropertyName("answer");
                Answer.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A request as sent (the envelope's bytes) with the answer it got.</summary>
    public static RecordedRequest Of(byte[] envelope, RecordedAnswer? answer)
    {
        using var document = JsonDocument.Parse(envelope);
        return new RecordedRequest { Envelope = document.RootElement.Clone(), Answer = answer };
    }

    /// <summary>Parses a line (without its line break).</summary>
    /// <exception cref="InvalidDataException">The line is not a recorded request; the message says why (without the line number).</exception>
    public static RecordedRequest Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"is not JSON (byte {e.BytePositionInLine + 1} of the line)", e);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("request", out var envelope) || envelope.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("has no \"request\" object");
        }

        foreach (var field in new[] { "infno", "msgid", "inf_time", "fixmedins_code" })
        {
            if (!envelope.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            {
                throw new InvalidDataException($"request has no \"{field}\"");
            }
        }

        if (!envelope.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("request has no \"input\" object");
        }

        var time = envelope.GetProperty("inf_time").GetString();
        if (ParseTime(time) is null)
        {
            throw new InvalidDataException($"inf_time '{time}' is not a time ({TimeFormat}, +08:00)");
        }

        RecordedAnswer? answer = null;
        if (root.TryGetProperty("answer", out var answerElement) && answerElement.ValueKind != JsonValueKind.Null)
        {
            (answer, var problem) = RecordedAnswer.Read(answerElement);
            if (problem is not null)
            {
                throw new InvalidDataException(problem);
            }
        }

        return new RecordedRequest { Envelope = envelope, Answer = answer };
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, WireOffset)
            : null;
}
