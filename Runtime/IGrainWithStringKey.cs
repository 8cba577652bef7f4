namespace Medisettle.Runtime;

/// <summary>
/// A grain interface addressed by a string key. Methods return <see cref="Task"/>, <see cref="Task{T}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{T}"/>. Arguments and results pass by reference
/// inside a silo, so use immutable records for them.
/// </summary>
public interface IGrainWithStringKey : IGrain;
