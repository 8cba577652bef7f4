namespace Medisettle.Runtime;

/// <summary>Marker for grain interfaces (Orleans: <c>IGrain</c>).</summary>
public interface IGrain;
