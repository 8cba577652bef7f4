namespace Medisettle.Storage.Hosting;

/// <summary>SQLite <c>PRAGMA synchronous</c> in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Commits survive a process crash but the last ones may be lost on power loss or an OS crash.</summary>
    Normal = 1,

    /// <summary>Each commit is fsynced to the WAL before it is acknowledged: survives power loss.</summary>
    Full = 2,
}
