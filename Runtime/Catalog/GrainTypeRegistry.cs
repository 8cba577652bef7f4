using System.Collections.Frozen;
using Medisettle.Runtime.GrainReferences;

namespace Medisettle.Runtime.Catalog;

/// <summary>Maps grain interfaces to grain types and grain types to their activators; built once at start.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, string> _typeByInterface;
    private readonly FrozenDictionary<string, GrainRegistration> _registrationByType;

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        var byInterface = new Dictionary<Type, string>();
        var byType = new Dictionary<string, GrainRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (byInterface.TryGetValue(registration.GrainInterface, out var existing))
            {
                throw new InvalidOperationException($"Grain interface {registration.GrainInterface.Name} is registered twice (grain types '{existing}' and '{registration.GrainType}').");
            }

            if (byType.TryGetValue(registration.GrainType, out var other) && other.GrainClass != registration.GrainClass)
            {
                throw new InvalidOperationException($"Grain type '{registration.GrainType}' names two classes: {other.GrainClass.Name} and {registration.GrainClass.Name}.");
            }

            GrainMethod.Validate(registration.GrainInterface);
            byInterface.Add(registration.GrainInterface, registration.GrainType);
            byType[registration.GrainType] = registration;
        }

        _typeByInterface = byInterface.ToFrozenDictionary();
        _registrationByType = byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string GetGrainType(Type grainInterface) =>
        _typeByInterface.TryGetValue(grainInterface, out var grainType)
            ? grainType
            : throw new InvalidOperationException($"No grain class is registered for {grainInterface.Name}; call AddGrain<{grainInterface.Name}, TGrain>() on the silo builder.");

    public GrainRegistration GetRegistration(string grainType) =>
        _registrationByType.TryGetValue(grainType, out var registration)
            ? registration
            : throw new InvalidOperationException($"Unknown grain type '{grainType}'.");
}
