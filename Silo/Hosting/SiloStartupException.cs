namespace Medisettle.Silo.Hosting;

/// <summary>
/// A start-up failure the user can fix (a bad option, an unusable data directory, a port in use). The program prints
/// its message as one line on stderr and exits with code 1, without a stack trace.
/// </summary>
public sealed class SiloStartupException : Exception
{
    public SiloStartupException()
    {
    }

    public SiloStartupException(string message)
        : base(message)
    {
    }

    public SiloStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
