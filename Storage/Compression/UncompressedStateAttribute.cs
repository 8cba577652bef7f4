namespace Medisettle.Storage.Compression;

/// <summary>
/// Marks a grain state class whose stored form is kept as JSON even when <see cref="Hosting.GroupCommitStorageOptions.CompressStatePayloads"/>
/// is on: a state rewritten on every request whose bytes are mostly random (signatures, nonces) compresses too little to
/// be worth its CPU on the request path.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UncompressedStateAttribute : Attribute
{
}
