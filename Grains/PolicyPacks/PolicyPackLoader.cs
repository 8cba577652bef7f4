using System.Text.Json;
using System.Text.Json.Serialization;
using Medisettle.Grains.Policy;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>
/// Loads and validates policy packs at start-up. Any invalid data throws a
/// <see cref="PolicyPackException"/> naming the file, field and value; nothing half-loads.
/// </summary>
public static class PolicyPackLoader
{
    /// <summary>The one file in a pack directory that holds the off-site pair table.</summary>
    public const string OffsitePairsFileName = "offsite-pairs.json";

    /// <summary>Largest pack file accepted, in bytes.</summary>
    public const int PackFileBytesMax = 1024 * 1024;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Packs shipped with the assembly (copied to <c>Packs/</c> beside it).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Packs");

    /// <summary>Loads every <c>*.json</c> in the directory (packs, plus <see cref="OffsitePairsFileName"/>).</summary>
    public static PolicyPackCatalog LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var packs = new List<PolicyPack>();
        IReadOnlyList<OffsitePair> pairs = [];
        var files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (Path.GetFileName(file) == OffsitePairsFileName)
            {
                pairs = ParseOffsitePairs(ReadBounded(file), Path.GetFileName(file)).Pairs;
            }
            else
            {
                packs.Add(LoadFile(file));
            }
        }

        return new PolicyPackCatalog(packs, pairs);
    }

    public static PolicyPack LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(ReadBounded(path), Path.GetFileName(path));
    }

    /// <summary>Parses and validates one pack; <paramref name="sourceName"/> is used in messages.</summary>
    public static PolicyPack Parse(string json, string sourceName)
    {
        var pack = Deserialize<PolicyPack>(json, sourceName);
        PolicyPackValidator.Validate(pack, sourceName);
        return pack with { SourceFile = sourceName };
    }

    public static OffsitePairTable ParseOffsitePairs(string json, string sourceName)
    {
        var table = Deserialize<OffsitePairTable>(json, sourceName);
        for (var i = 0; i < table.Pairs.Count; i++)
        {
            var pair = table.Pairs[i];
            if (pair.InsuredRegion == pair.TreatmentRegion)
            {
                throw new PolicyPackException(sourceName, $"$.pairs[{i}].treatmentRegion", pair.TreatmentRegion, "same as insuredRegion");
            }
        }

        return table;
    }

    private static T Deserialize<T>(string json, string sourceName)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new PolicyPackException(sourceName, "$", "null", "the file holds no object");
        }
        catch (JsonException ex)
        {
            throw new PolicyPackException(sourceName, ex.Path ?? "$", $"(line {ex.LineNumber + 1})", ex.Message, ex);
        }
    }

    private static string ReadBounded(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > PackFileBytesMax)
        {
            throw new PolicyPackException(Path.GetFileName(path), "$", $"{info.Length} bytes", $"larger than {PackFileBytesMax} bytes");
        }

        return File.ReadAllText(path);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new YuanMoneyConverter());
        return options;
    }
}
