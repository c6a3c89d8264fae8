using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

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
            return checkedFile.Error;
        }

        var (name, type, contentType) = checkedFile.Value;
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
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
        await transaction.CommitAsync(ct);

        return attachment.Id;
    }

    /// <summary>The list row of an attachment just added, for the answer to the upload.</summary>
    public Task<AttachmentRow> RowAsync(int attachmentId, CancellationToken ct) =>
        db.ModelAttachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.Type, a.Size, a.Caption, a.CreatedAt)).SingleAsync(ct);
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
