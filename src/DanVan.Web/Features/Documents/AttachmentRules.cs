using System.IO.Compression;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Documents;

/// <summary>What an attachment is, by its content (never by its name alone).</summary>
public enum AttachmentType
{
    Photo = 1,
    Pdf = 2,
    Word = 3,
}

/// <summary>
/// The file checks: the extension must be one we take (.jpg, .jpeg, .png, .pdf, .docx) and the content must be
/// what the extension says (JPEG/PNG signatures, "%PDF-", a ZIP holding word/document.xml). Anything else is
/// refused with a message naming the file; nothing is written.
/// </summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, (AttachmentType Type, string ContentType)> Extensions = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        [".jpg"] = (AttachmentType.Photo, "image/jpeg"),
        [".jpeg"] = (AttachmentType.Photo, "image/jpeg"),
        [".png"] = (AttachmentType.Photo, "image/png"),
        [".pdf"] = (AttachmentType.Pdf, "application/pdf"),
        [".docx"] = (AttachmentType.Word, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    };

    public static string Accept => string.Join(',', Extensions.Keys);

    /// <summary>The type and content type of a file whose bytes match its extension, or null.</summary>
    public static (AttachmentType Type, string ContentType)? Recognize(string fileName, byte[] bytes)
    {
        if (!Extensions.TryGetValue(Path.GetExtension(fileName), out var expected))
        {
            return null;
        }

        var matches = expected.ContentType switch
        {
            "image/jpeg" => bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF,
            "image/png" => bytes
                .AsSpan()
                .StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            "application/pdf" => bytes.AsSpan().StartsWith("%PDF-"u8),
            _ => IsWordDocument(bytes),
        };
        return matches ? expected : null;
    }

    /// <summary>
    /// Every check of an upload (models, dialogues, petitions): not empty, not over <see cref="MaxBytes"/>, content
    /// matching a taken extension, a caption of at most 300 characters without control characters. Returns the
    /// file name to keep (no folders, at most 200 characters) with the recognized type, or the error at its field.
    /// </summary>
    public static Result<(string Name, AttachmentType Type, string ContentType)> Check(
        string fileName,
        byte[] bytes,
        string? caption,
        IStringLocalizer L
    )
    {
        var name = Path.GetFileName(fileName);
        if (bytes.Length == 0)
        {
            return ValidationError.For(L["Val_FixBelow"], "file", L["Import_NoFile"]);
        }

        if (bytes.Length > MaxBytes)
        {
            return ValidationError.For(
                L["Val_FixBelow"],
                "file",
                L["Models_AttachmentTooLarge", MaxBytes / 1024 / 1024]
            );
        }

        if (Recognize(name, bytes) is not { } kind)
        {
            return ValidationError.For(L["Val_FixBelow"], "file", L["Models_AttachmentRefused", name]);
        }

        if (
            caption is { Length: > 300 }
            || (caption is not null && caption.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        )
        {
            return ValidationError.For(L["Val_FixBelow"], "caption", L["Val_MaxLength", L["Field_Caption"], 300]);
        }

        return (name.Length > 200 ? name[^200..] : name, kind.Type, kind.ContentType);
    }

    private static bool IsWordDocument(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return false;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null && zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
