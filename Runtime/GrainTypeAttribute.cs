namespace Medisettle.Runtime;

/// <summary>Overrides the grain type name stored in <see cref="GrainId.Type"/> (default: the class name).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}
