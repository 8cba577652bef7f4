namespace Medisettle.Gateway.Admin;

/// <summary>Answer of a bulk enrolment: how many persons were enrolled or updated.</summary>
public sealed record BulkEnrolmentResult(int Enrolled);
