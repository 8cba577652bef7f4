namespace Medisettle.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/insurer/agreements</c>: a pooled fund's insurer cooperation agreement for a year (the insured persons its target counts).</summary>
public sealed record InsurerAgreementRequest(string? Fund, int Year, int InsuredPersons);
