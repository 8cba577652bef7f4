using System.Globalization;
using Medisettle.Gateway.Pipeline;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Validation;

/// <summary>Checks a parsed transaction input and keeps the first problem found.</summary>
internal sealed class InputChecker(InputLimits limits)
{
    /// <summary>Most decimals of a 数值型(16,n) quantity or price field (单价 is 16,6).</summary>
    public const int QuantityDecimalsMax = 6;

    public InputLimits Limits => limits;

    public GatewayFailure? Failure { get; private set; }

    public bool Failed => Failure is not null;

    public void Fail(int infcode, string message) => Failure ??= new GatewayFailure(infcode, message);

    public void Required(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(Infcodes.InvalidValue, $"field '{field}' must not be empty");
        }
    }

    /// <summary>A psn_no in the platform's format (<see cref="PlatformIds"/>).</summary>
    public void PsnNo(string value, string field)
    {
        if (PlatformIds.PsnNoProblem(value) is { } problem)
        {
            Fail(Infcodes.InvalidValue, $"field '{field}' {problem}");
        }
    }

    /// <summary>
    /// When the certificate is the ID number (mdtrt_cert_type 02 居民身份证, which this platform keys persons by: the
    /// psn_no), mdtrt_cert_no must be that psn_no; a token (01) or a card number (03) cannot be compared here.
    /// </summary>
    public void CertificateNamesPerson(string certType, string certNo, string psnNo, string prefix)
    {
        if (Failed || certType != WireCertificateTypes.IdNumber || string.Equals(certNo, psnNo, StringComparison.Ordinal))
        {
            return;
        }

        Fail(Infcodes.InvalidValue,
            $"field '{prefix}.mdtrt_cert_no' ({Diagnostics.LogMasking.MaskIdNumber(Diagnostics.ClientText.Echo(certNo))}) is not the person " +
            $"'{prefix}.psn_no' ({Diagnostics.LogMasking.MaskIdNumber(psnNo)}); with mdtrt_cert_type 02 (ID number) the two must be equal");
    }

    public void Amount(decimal value, string field)
    {
        if (WireAmount.Problem(value, allowNegative: false) is { } problem)
        {
            Fail(Infcodes.InvalidValue, $"field '{field}': amount {problem}");
        }
    }

    public void Quantity(decimal value, string field)
    {
        if (value < 0 || decimal.Round(value, QuantityDecimalsMax) != value || value > WireAmount.YuanMax)
        {
            Fail(Infcodes.InvalidValue,
                $"field '{field}': {value.ToString(CultureInfo.InvariantCulture)} must be a non-negative number with at most {QuantityDecimalsMax} decimals");
        }
    }

    public void NonNegative(int? value, string field)
    {
        if (value < 0)
        {
            Fail(Infcodes.InvalidValue, $"field '{field}' must not be negative");
        }
    }

    /// <summary>Checks an optional or required "yyyy-MM-dd HH:mm:ss" field.</summary>
    public void DateTime(string? value, string field)
    {
        if (value is not null && !WireTime.TryParseDateTime(value, out _))
        {
            Fail(Infcodes.InvalidValue, $"field '{field}' must be a time formatted {WireTime.DateTimeFormat}");
        }
    }

    public void DateRange(string begin, string end, string beginField, string endField)
    {
        if (!WireTime.TryParseDate(begin, out var first))
        {
            Fail(Infcodes.InvalidValue, $"field '{beginField}' must be a date formatted {WireTime.DateFormat}");
        }
        else if (!WireTime.TryParseDate(end, out var last))
        {
            Fail(Infcodes.InvalidValue, $"field '{endField}' must be a date formatted {WireTime.DateFormat}");
        }
        else if (last < first)
        {
            Fail(Infcodes.InvalidValue, $"field '{endField}' is before '{beginField}'");
        }
    }

    /// <summary>Checks the number of lines; <c>true</c> when the lines themselves should be checked next.</summary>
    public bool Lines<T>(IReadOnlyList<T> lines, string field, int min, int max)
    {
        if (lines.Count > max)
        {
            Fail(Infcodes.LimitExceeded, $"field '{field}' has {lines.Count} lines; at most {max} are accepted");
        }
        else if (lines.Count < min)
        {
            Fail(Infcodes.InvalidValue, $"field '{field}' must have at least {min} line(s)");
        }

        return !Failed;
    }
}
