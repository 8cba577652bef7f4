namespace Medisettle.LoadTest.Targets;

public enum StorageKind
{
    Sqlite,
    Postgres,
}
