using System.IO.Compression;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>What an attachment is, by its content (never by its name alone).</summary>
public enum AttachmentType
{
    Photo = 1,
    Pdf = 2,
    Word = 3,
}

/// <summary>A photo, PDF or Word file of a model. The bytes live in <see cref="ModelAttachmentContent"/>.</summary>
public sealed class ModelAttachment : IUnitStamped
{
    public int Id { get; set; }
    public int ModelId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public AttachmentType Type { get; set; }
    public long Size { get; set; }
    public string? Caption { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The bytes of an attachment, apart so that lists never read them.</summary>
public sealed class ModelAttachmentContent
{
    public int AttachmentId { get; set; }

    [AuditRedacted]
    public byte[] Bytes { get; set; } = [];
}

public sealed record AttachmentRow(int Id, string FileName, AttachmentType Type, long Size, string? Caption, DateTime CreatedAt);

/// <summary>
/// The file checks: the extension must be one we take (.jpg, .jpeg, .png, .pdf, .docx) and the content must be
/// what the extension says (JPEG/PNG signatures, "%PDF-", a ZIP holding word/document.xml). Anything else is
/// refused with a message naming the file; nothing is written.
/// </summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, (AttachmentType Type, string ContentType)> Extensions = new(StringComparer.OrdinalIgnoreCase)
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
            "image/png" => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
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
    public static Result<(string Name, AttachmentType Type, string ContentType)> Check(string fileName, byte[] bytes, string? caption, IStringLocalizer L)
    {
        var name = Path.GetFileName(fileName);
        if (bytes.Length == 0)
        {
            return ValidationError.For(L["Val_FixBelow"], "file", L["Import_NoFile"]);
        }

        if (bytes.Length > MaxBytes)
        {
            return ValidationError.For(L["Val_FixBelow"], "file", L["Models_AttachmentTooLarge", MaxBytes / 1024 / 1024]);
        }

        if (Recognize(name, bytes) is not { } kind)
        {
            return ValidationError.For(L["Val_FixBelow"], "file", L["Models_AttachmentRefused", name]);
        }

        if (caption is { Length: > 300 } || (caption is not null && caption.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))))
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

/// <summary>Adds a checked file to a model whose unit the caller reports for.</summary>
internal sealed class AttachToModel(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int modelId, string fileName, byte[] bytes, string? caption, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || !user.Can(Permission.ModelsView, model.Ref))
        {
            return new NotFoundError(L["Models_NotFound"]);
        }

        if (!user.Can(Permission.ModelsEdit, model.Ref))
        {
            return new ForbiddenError(L["Models_CannotEdit", model.Name]);
        }

        var checkedFile = AttachmentRules.Check(fileName, bytes, caption, L);
        if (!checkedFile.IsOk)
        {
            return checkedFile.Error!;
        }

        var (name, type, contentType) = checkedFile.Value;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var attachment = new ModelAttachment
        {
            ModelId = model.Id, FileName = name, ContentType = contentType, Type = type,
            Size = bytes.Length, Caption = string.IsNullOrWhiteSpace(caption) ? null : caption, CreatedAt = db.UtcNow,
        };
        model.Stamp(attachment);
        db.ModelAttachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        db.ModelAttachmentContents.Add(new ModelAttachmentContent { AttachmentId = attachment.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return attachment.Id;
    }
}

/// <summary>Reads an attachment's bytes for someone who may see the model, or for anyone when the model is in the public library.</summary>
internal sealed class ReadAttachment(DanVanDbContext db, ICurrentUser user)
{
    public async Task<(ModelAttachment Attachment, byte[] Bytes)?> HandleAsync(int modelId, int attachmentId, bool publicOnly, CancellationToken ct)
    {
        var found = await db.ModelAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ModelId == modelId)
            .Select(a => new
            {
                Attachment = a,
                Model = db.Models.Where(m => m.Id == a.ModelId).Select(m => new { m.IsPublic, m.Status }).First(),
                Bytes = db.ModelAttachmentContents.Where(c => c.AttachmentId == a.Id).Select(c => c.Bytes).First(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var published = found.Model.IsPublic && found.Model.Status is ModelStatus.Recognized or ModelStatus.Commended;
        var a = found.Attachment;
        var allowed = publicOnly
            ? published && a.Type == AttachmentType.Photo
            : user.Can(Permission.ModelsView, UnitScope.ScopeOf(a));
        return allowed ? (a, found.Bytes) : null;
    }
}

/// <summary>Removes an attachment added by mistake.</summary>
internal sealed class DeleteAttachment(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int modelId, int attachmentId, CancellationToken ct)
    {
        var attachment = await db.ModelAttachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.ModelId == modelId, ct);
        var scope = attachment is null ? default : UnitScope.ScopeOf(attachment);
        if (attachment is null || !user.Can(Permission.ModelsView, scope))
        {
            return new NotFoundError(L["Models_NotFound"]);
        }

        if (!user.Can(Permission.ModelsEdit, scope))
        {
            return new ForbiddenError(L["Models_CannotEditResults"]);
        }

        await db.ModelAttachmentContents.Where(c => c.AttachmentId == attachmentId).ExecuteDeleteAsync(ct);
        db.ModelAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return attachmentId;
    }
}
