using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/institutions/{code}/designation</c>: suspend, revoke or reinstate.</summary>
public sealed record DesignationChange(DesignationStatus Status, string Reason);
