using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// What every feature that holds a person's data shares: the accepted shapes of a phone number and an e-mail address,
/// and the file a data subject receives on an access request (indented JSON, Vietnamese kept readable, enums by name).
/// </summary>
public static partial class PersonalData
{
    /// <summary>A Vietnamese or international phone number: digits, spaces and dots, an optional leading plus.</summary>
    public static bool IsPhone(string text) => PhonePattern().IsMatch(text.Trim());

    /// <summary>One @ between a name and a dotted domain, no spaces.</summary>
    public static bool IsEmail(string text) => EmailPattern().IsMatch(text.Trim());

    /// <summary>The export file a data subject receives.</summary>
    public static byte[] ExportJson<T>(T export) => JsonSerializer.SerializeToUtf8Bytes(export, ExportOptions);

    private static readonly JsonSerializerOptions ExportOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    [GeneratedRegex(@"^\+?[0-9 .]{8,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
