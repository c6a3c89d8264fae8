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
    string TrackingCode,
    PetitionerKind Kind,
    string? Name,
    string? Phone,
    string? Address,
    string? IdNumber,
    DateOnly ReceivedOn,
    string Title,
    string Content,
    PetitionStatus Status,
    string? Answer,
    DateTime ExportedAt
);

/// <summary>
/// The petitioner's personal data (QUALITY.md S7): masked by default; revealed only to those <see cref="FieldRules"/>
/// gives <see cref="SensitiveField.PetitionerRevealed"/> (officers of the handling unit's subtree, handlers of the
/// assigned organization), each reveal audited; exported and erased on the data subject's request by the handling unit,
/// both audited. The values never enter the audit trail, URLs or logs.
/// </summary>
internal sealed class PersonalData(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public static bool MayReveal(ICurrentUser user, Petition p, IReadOnlyCollection<int>? answeredBy) =>
        p.ErasedAt is null && PetitionAccess.Sees(user, SensitiveField.PetitionerRevealed, p, answeredBy);

    /// <summary>A data subject's export and erasure are the handling unit's: the reveal rule, without the agency's
    /// reach.</summary>
    public static bool HandlesRequests(ICurrentUser user, Petition p) =>
        FieldRules.Sees(
            user,
            SensitiveField.PetitionerRevealed,
            new RecordPosition(p.Ref, PetitionAccess.HandlingOf(p))
        );

    public static bool MayErase(ICurrentUser user, Petition p) => p.ErasedAt is null && HandlesRequests(user, p);

    public static PetitionerView Masked(Petition p) =>
        new(
            p.PetitionerKind,
            MaskName(p.PetitionerName),
            MaskTail(p.PetitionerPhone),
            p.PetitionerAddress is null ? null : "••••••",
            MaskTail(p.PetitionerIdNumber),
            Masked: true,
            Erased: p.ErasedAt is not null
        );

    public static PetitionerView Clear(Petition p) =>
        new(
            p.PetitionerKind,
            p.PetitionerName,
            p.PetitionerPhone,
            p.PetitionerAddress,
            p.PetitionerIdNumber,
            Masked: false,
            Erased: p.ErasedAt is not null
        );

    /// <summary>"Nguyễn Văn An" → "N••• V••• A•••": enough to tell two petitioners apart on a list, not to identify
    /// one.</summary>
    public static string? MaskName(string? name) =>
        name is null
            ? null
            : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[..1] + "•••"));

    /// <summary>The last three characters only: "•••••••789".</summary>
    public static string? MaskTail(string? value) =>
        value is null ? null
        : value.Length <= 3 ? new string('•', value.Length)
        : new string('•', value.Length - 3) + value[^3..];

    /// <summary>The petitioner in clear, for a caller who may see it; the reveal is in the audit trail.</summary>
    public async Task<Result<PetitionerView>> RevealAsync(int id, CancellationToken ct)
    {
        var (p, answeredBy) = await LoadAsync(id, ct);
        if (p is null)
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (!MayReveal(user, p, answeredBy))
        {
            return new ForbiddenError(L["Petitions_CannotSeePersonalData"]);
        }

        db.Audit(
            AuditAction.PersonalDataViewed,
            nameof(Petition),
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(p)
        );
        await db.SaveChangesAsync(ct);
        return Clear(p);
    }

    /// <summary>The data subject's copy of their data (a JSON document), audited.</summary>
    public async Task<Result<byte[]>> ExportAsync(int id, CancellationToken ct)
    {
        var (p, _) = await LoadAsync(id, ct);
        if (p is null)
        {
            return new NotFoundError(L["Petitions_NotFound"]);
        }

        if (p.ErasedAt is not null || !HandlesRequests(user, p))
        {
            return new ForbiddenError(L["Petitions_CannotSeePersonalData"]);
        }

        db.Audit(
            AuditAction.PersonalDataExported,
            nameof(Petition),
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(p)
        );
        await db.SaveChangesAsync(ct);
        var export = new PersonalDataExport(
            p.TrackingCode,
            p.PetitionerKind,
            p.PetitionerName,
            p.PetitionerPhone,
            p.PetitionerAddress,
            p.PetitionerIdNumber,
            p.ReceivedOn,
            p.Title,
            p.Content,
            p.Status,
            p.Answer,
            db.UtcNow
        );
        return Infrastructure.Security.PersonalData.ExportJson(export);
    }

    /// <summary>Erases the petitioner's fields on request; the petition, its history and its figures stay.</summary>
    public async Task<Result<int>> EraseAsync(int id, int version, CancellationToken ct)
    {
        var p = await db
            .Petitions.Where(x => x.Id == id)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .SingleOrDefaultAsync(ct);
        if (p is null)
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
        db.Audit(
            AuditAction.PersonalDataErased,
            nameof(Petition),
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(p)
        );
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

    /// <summary>The petition if the caller sees it, with the organizations that answered it (an agency's
    /// reach).</summary>
    private async Task<(Petition? Petition, IReadOnlyCollection<int> AnsweredBy)> LoadAsync(
        int id,
        CancellationToken ct
    )
    {
        var row = await db
            .Petitions.AsNoTracking()
            .Where(x => x.Id == id)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .Select(x => new
            {
                Petition = x,
                AnsweredBy = db
                    .PetitionEvents.Where(e =>
                        e.PetitionId == x.Id && e.Action == PetitionAction.Answer && e.OrganizationId != null
                    )
                    .Select(e => e.OrganizationId!.Value)
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return (row?.Petition, row?.AnsweredBy ?? []);
    }
}
