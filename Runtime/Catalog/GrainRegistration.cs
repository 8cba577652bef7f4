namespace Medisettle.Runtime.Catalog;

/// <summary>A grain interface and the class implementing it, registered with <c>AddGrain&lt;TInterface, TGrain&gt;()</c>.</summary>
public sealed record GrainRegistration(Type GrainInterface, Type GrainClass)
{
    /// <summary>The <see cref="GrainId.Type"/> of these grains: <see cref="GrainTypeAttribute"/> or the class name.</summary>
    public string GrainType { get; } =
        (Attribute.GetCustomAttribute(GrainClass, typeof(GrainTypeAttribute)) as GrainTypeAttribute)?.GrainType ?? GrainClass.Name;
}
