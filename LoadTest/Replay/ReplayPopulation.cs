using System.Globalization;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.LoadTest.Recording;

namespace Medisettle.LoadTest.Replay;

/// <summary>
/// The demo data a recording needs on the scratch host: persons 0..n-1 and institutions 0..m-1 of
/// <see cref="DemoData"/>, n and m one past the highest demo index the requests name (<c>psn_no</c> or <c>mdtrt_cert_no</c>
/// anywhere in an input; <c>fixmedins_code</c> of the envelope). Demo data is the same for an index whatever the count, so the
/// scratch host holds the same persons and institutions as the recording silo did, in their freshly seeded state.
/// </summary>
public sealed record ReplayPopulation(int Persons, int Institutions)
{
    /// <summary>Demo persons seeded at most (the silo seeds some thousands a second).</summary>
    public const int PersonsMax = 1_000_000;

    /// <exception cref="InvalidDataException">A request comes from an institution that is not a demo institution, or names too high a demo person.</exception>
    public static ReplayPopulation Of(IReadOnlyList<RecordedRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var persons = 1;
        var institutions = 1;
        foreach (var request in requests)
        {
            var code = request.Institution;
            if (DemoIndex(code, 5, DemoData.InstitutionCode) is not { } institution)
            {
                throw new InvalidDataException(
                    $"line {request.LineNumber}: fixmedins_code '{code}' is not a demo institution; the scratch host has only the demo data (DemoData) and signs with its demo secrets.");
            }

            institutions = Math.Max(institutions, institution + 1);
            foreach (var personId in PersonIds(request.Envelope.GetProperty("input")))
            {
                if (DemoIndex(personId, 8, DemoData.PersonId) is { } person)
                {
                    if (person >= PersonsMax)
                    {
                        throw new InvalidDataException($"line {request.LineNumber}: psn_no '{personId}' is demo person {person:N0}; the replay seeds {PersonsMax:N0} persons at most.");
                    }

                    persons = Math.Max(persons, person + 1);
                }
            }
        }

        return new ReplayPopulation(persons, institutions);
    }

    /// <summary>The demo index a code ends with, when the code is exactly the demo code of that index.</summary>
    private static int? DemoIndex(string code, int digits, Func<int, string> codeOf) =>
        code.Length > digits && int.TryParse(code.AsSpan(code.Length - digits), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && string.Equals(codeOf(index), code, StringComparison.Ordinal)
            ? index
            : null;

    private static IEnumerable<string> PersonIds(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if ((property.NameEquals("psn_no") || property.NameEquals("mdtrt_cert_no")) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var id in PersonIds(property.Value))
                        {
                            yield return id;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var id in PersonIds(item))
                    {
                        yield return id;
                    }
                }

                break;
        }
    }
}
