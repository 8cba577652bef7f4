namespace Medisettle.Silo.Tests;

/// <summary>How a silo process ended: its exit code and everything it printed.</summary>
internal sealed record SiloExit(int ExitCode, string StandardOutput, string StandardError);
