using System.Text.Json;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>What a data subject's export contains: their data and the petitions it appears on (DOMAIN.md §7).</summary>
public sealed record PersonalDataExport(
    string TrackingCode, PetitionerKind Kind, string? Name, string? Phone, string? Address, string? IdNumber, DateOnly ReceivedOn,
    string Title, string Content, PetitionStatus Status, string? Answer, DateTime ExportedAt);

/// <summary>
/// The petitioner's personal data (QUALITY.md S7): masked by default; revealed only to officers of the handling
/// subtree and handlers of the assigned organization, each reveal audited; exported and erased on the data
/// subject's request, both audited. The values never enter the audit trail, URLs or logs.
/// </summary>
internal sealed class PersonalData(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public static bool MayReveal(ICurrentUser user, Petition p) =>
        p.ErasedAt is null
        && (user.Grants.Any(g => g.Role != Role.AgencyHandler && RolePermissions.Grants(g.Role, Permission.PetitionsPersonalData) && UnitScope.Contains(g, p.Ref))
            || PetitionLifecycle.IsAssignedAgency(user, p));

    public static bool MayErase(ICurrentUser user, Petition p) =>
        p.ErasedAt is null && user.Can(Permission.PetitionsEdit, p.Ref) && user.Can(Permission.PetitionsPersonalData, p.Ref);

    public static PetitionerView Masked(Petition p) =>
        new(p.PetitionerKind, MaskName(p.PetitionerName), MaskTail(p.PetitionerPhone), p.PetitionerAddress is null ? null : "••••••",
            MaskTail(p.PetitionerIdNumber), Masked: true, Erased: p.ErasedAt is not null);

    public static PetitionerView Clear(Petition p) =>
        new(p.PetitionerKind, p.PetitionerName, p.PetitionerPhone, p.PetitionerAddress, p.PetitionerIdNumber, Masked: false, Erased: p.ErasedAt is not null);

    /// <summary>"Nguyễn Văn An" → "N••• V••• A•••": enough to tell two petitioners apart on a list, not to identify one.</summary>
    public static string? MaskName(string? name) =>
        name is null ? null : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[..1] + "•••"));

    /// <summary>The last three characters only: "•••••••789".</summary>
    public static string? MaskTail(string? value) =>
        value is null ? null : value.Length <= 3 ? new string('•', value.Length) : new string('•', value.Length - 3) + value[^3..];

    /// <summary>The petitioner in clear, for a caller who may see it; the reveal is in the audit trail.</summary>
    public async Task<Result<PetitionerView>> RevealAsync(int id, CancellationToken ct)
    {
        var p = await LoadAsync(id, ct);
        if (p is null)
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (!MayReveal(user, p))
        {
            return new ForbiddenError(L["Petitions_CannotSeePersonalData"]);
        }

        db.Audit(AuditAction.PersonalDataViewed, nameof(Petition), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitScope.ScopeOf(p));
        await db.SaveChangesAsync(ct);
        return Clear(p);
    }

    /// <summary>The data subject's copy of their data (a JSON document), audited.</summary>
    public async Task<Result<byte[]>> ExportAsync(int id, CancellationToken ct)
    {
        var p = await LoadAsync(id, ct);
        if (p is null)
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (!MayReveal(user, p) || !user.Can(Permission.PetitionsEdit, p.Ref))
        {
            return new ForbiddenError(L["Petitions_CannotSeePersonalData"]);
        }

        db.Audit(AuditAction.PersonalDataExported, nameof(Petition), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitScope.ScopeOf(p));
        await db.SaveChangesAsync(ct);
        var export = new PersonalDataExport(p.TrackingCode, p.PetitionerKind, p.PetitionerName, p.PetitionerPhone, p.PetitionerAddress,
            p.PetitionerIdNumber, p.ReceivedOn, p.Title, p.Content, p.Status, p.Answer, db.UtcNow);
        return JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        });
    }

    /// <summary>Erases the petitioner's fields on request; the petition, its history and its figures stay.</summary>
    public async Task<Result<int>> EraseAsync(int id, int version, CancellationToken ct)
    {
        var p = await db.Petitions.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !user.Can(Permission.PetitionsView, p.Ref))
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (!MayErase(user, p))
        {
            return new ForbiddenError(L["Petitions_CannotErase"]);
        }

        db.Entry(p).Property(x => x.Version).OriginalValue = version;
        p.PetitionerName = null;
        p.PetitionerPhone = null;
        p.PetitionerAddress = null;
        p.PetitionerIdNumber = null;
        p.ErasedAt = db.UtcNow;
        db.Audit(AuditAction.PersonalDataErased, nameof(Petition), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), UnitScope.ScopeOf(p));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return p.Id;
    }

    private Task<Petition?> LoadAsync(int id, CancellationToken ct) =>
        db.Petitions.AsNoTracking().Where(x => x.Id == id).Where(UnitScope.Rows<Petition>(user, Permission.PetitionsView)).SingleOrDefaultAsync(ct);
}
