namespace Medisettle.Runtime;

/// <summary>The silo is not running (not started yet, or shutting down); the call was not delivered.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
