namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/institutions/{code}/deductions</c>.</summary>
public sealed record PointsDeduction(int Points, string Reason);
