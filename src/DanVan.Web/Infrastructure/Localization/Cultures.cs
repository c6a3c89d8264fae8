using System.Globalization;
using System.Text;

namespace DanVan.Web.Infrastructure.Localization;

/// <summary>The interface languages: Vietnamese by default, English and German complete.</summary>
public static class Cultures
{
    public const string Default = "vi-VN";
    public static readonly string[] Supported = ["vi-VN", "en-GB", "de-DE"];

    /// <summary>Short names shown in the language switcher, in their own language.</summary>
    public static readonly IReadOnlyDictionary<string, string> NativeNames = new Dictionary<string, string>
    {
        ["vi-VN"] = "Tiếng Việt",
        ["en-GB"] = "English",
        ["de-DE"] = "Deutsch",
    };

    public static string Normalize(string? culture) =>
        Supported.FirstOrDefault(c =>
            string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c[..2], culture, StringComparison.OrdinalIgnoreCase)
        ) ?? Default;

    /// <summary>The text in the interface language (Vietnamese, the default, for anything else).</summary>
    public static string Pick(string vi, string en, string de) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
        {
            "en" => en,
            "de" => de,
            _ => vi,
        };

    /// <summary>The two-letter language of the current UI culture, for the html lang attribute.</summary>
    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}

/// <summary>Vietnam keeps UTC+7 all year; times are stored in UTC and shown in Vietnam time.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.Add(Offset));

    public static string Format(DateTime utc) => FromUtc(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string Format(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}

/// <summary>Accent-insensitive search: "bac ninh" finds "Bắc Ninh".</summary>
public static class TextSearch
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
