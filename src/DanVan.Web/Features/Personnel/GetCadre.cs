using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Personnel;

/// <summary>A cadre's personal data, masked or in clear.</summary>
public sealed record CadrePerson(
    string Name,
    string? BirthDate,
    string? Ethnicity,
    string? PartyEntryDate,
    string? Phone,
    string? Email,
    string? Discipline,
    bool Masked,
    bool Erased
);

/// <summary>A post on the cadre's page.</summary>
public sealed record PositionRow(
    int Id,
    int UnitId,
    string UnitName,
    int OrganizationId,
    string OrganizationName,
    CadrePost Post,
    bool FullTime,
    DateOnly StartOn,
    DateOnly? EndOn,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    int Version
);

/// <summary>A course the cadre was enrolled in, on the cadre's page and in their export.</summary>
public sealed record CadreTrainingRow(
    int CourseId,
    string CourseTitle,
    TrainingKind Kind,
    TheoryLevel? AwardsTheory,
    string OfferedBy,
    DateOnly StartsOn,
    DateOnly EndsOn,
    EnrolmentStatus Status,
    DateOnly? CompletedOn,
    string? CertificateNumber
);

/// <summary>A cadre as the reader may see them: the person masked unless revealed, the rest in clear.</summary>
public sealed record CadreView(
    int Id,
    int UnitId,
    string UnitName,
    Sex Sex,
    CadrePerson Person,
    TheoryLevel TheoryLevel,
    ProfessionalLevel ProfessionalLevel,
    string? Degree,
    string? CivilServiceGrade,
    string? Awards,
    IReadOnlyList<PositionRow> Positions,
    IReadOnlyList<CadreTrainingRow> Training,
    bool MayEdit,
    bool MayReveal,
    int Version
);

/// <summary>What a cadre's data-subject export contains.</summary>
public sealed record CadreDataExport(
    string? FullName,
    DateOnly? BirthDate,
    Sex Sex,
    string? Ethnicity,
    DateOnly? PartyEntryDate,
    string? Phone,
    string? Email,
    TheoryLevel TheoryLevel,
    ProfessionalLevel ProfessionalLevel,
    string? Degree,
    string? CivilServiceGrade,
    string? Awards,
    string? Discipline,
    IReadOnlyList<PositionRow> Positions,
    IReadOnlyList<CadreTrainingRow> Training,
    DateTime ExportedAt
);

/// <summary>
/// Reads a cadre (3 statements: the record with its unit, the posts with theirs, the courses) and handles the person's data: the
/// reveal, the edit form's clear values and the data subject's export are audited acts of those <see
/// cref="CadreRules.MayReveal"/> allows; the erasure clears the personal fields and keeps the posts and figures.
/// </summary>
internal sealed class GetCadre(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    /// <summary>The cadre, the person masked; the forms, which need only the record and the posts, skip the
    /// courses.</summary>
    public async Task<CadreView?> HandleAsync(int id, CancellationToken ct, bool withTraining = true)
    {
        var found = await LoadAsync(id, ct);
        return found is null
            ? null
            : await ViewAsync(found.Value.Cadre, found.Value.UnitName, Masked(found.Value.Cadre), ct, withTraining);
    }

    /// <summary>The cadre with the person in clear; the reveal is in the audit trail.</summary>
    public async Task<Result<CadreView>> RevealAsync(int id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not { } f)
        {
            return new NotFoundError(L["Cadres_NotFound"]);
        }

        if (!CadreRules.MayReveal(user, f.Cadre))
        {
            return new ForbiddenError(L["Cadres_CannotSeePersonalData"]);
        }

        await AuditAsync(AuditAction.PersonalDataViewed, f.Cadre, ct);
        return await ViewAsync(f.Cadre, f.UnitName, Clear(f.Cadre), ct);
    }

    /// <summary>The edit form's values (the person in clear, so the opening is audited as a reveal).</summary>
    public async Task<Result<CadreInput>> ForEditAsync(int id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not { } f)
        {
            return new NotFoundError(L["Cadres_NotFound"]);
        }

        if (!CadreRules.MayEdit(user, f.Cadre.Ref) || f.Cadre.ErasedAt is not null)
        {
            return new ForbiddenError(L["Cadres_CannotEdit"]);
        }

        await AuditAsync(AuditAction.PersonalDataViewed, f.Cadre, ct);
        return CadreInput.From(f.Cadre);
    }

    /// <summary>The data subject's copy of their data (a JSON document), audited.</summary>
    public async Task<Result<byte[]>> ExportAsync(int id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not { } f)
        {
            return new NotFoundError(L["Cadres_NotFound"]);
        }

        if (!CadreRules.MayReveal(user, f.Cadre))
        {
            return new ForbiddenError(L["Cadres_CannotSeePersonalData"]);
        }

        await AuditAsync(AuditAction.PersonalDataExported, f.Cadre, ct);
        var c = f.Cadre;
        var export = new CadreDataExport(
            c.FullName,
            c.BirthDate,
            c.Sex,
            c.Ethnicity,
            c.PartyEntryDate,
            c.Phone,
            c.Email,
            c.TheoryLevel,
            c.ProfessionalLevel,
            c.Degree,
            c.CivilServiceGrade,
            c.Awards,
            c.Discipline,
            await PositionsAsync(c.Id, ct),
            await TrainingAsync(c.Id, ct),
            db.UtcNow
        );
        return Infrastructure.Security.PersonalData.ExportJson(export);
    }

    /// <summary>Erases the person's data on their request; the record, the posts and the figures stay.</summary>
    public async Task<Result<int>> EraseAsync(int id, int version, CancellationToken ct)
    {
        var cadre = await db.Cadres.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cadre is null || !CadreRules.Sees(user, cadre))
        {
            return new NotFoundError(L["Cadres_NotFound"]);
        }

        if (!CadreRules.MayReveal(user, cadre) || !CadreRules.MayEdit(user, cadre.Ref))
        {
            return new ForbiddenError(L["Cadres_CannotErase"]);
        }

        db.Entry(cadre).Property(c => c.Version).OriginalValue = version;
        cadre.FullName = null;
        cadre.BirthDate = null;
        cadre.Ethnicity = null;
        cadre.PartyEntryDate = null;
        cadre.Phone = null;
        cadre.Email = null;
        cadre.Discipline = null;
        cadre.AccountId = null;
        cadre.SearchText = "";
        cadre.ErasedAt = db.UtcNow;
        db.Audit(AuditAction.PersonalDataErased, nameof(Cadre), Key(cadre), UnitScope.ScopeOf(cadre));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return cadre.Id;
    }

    public static CadrePerson Masked(Cadre c) =>
        new(
            CadreRules.Mask(c.FullName),
            c.BirthDate is null ? null : "••/••/••••",
            c.Ethnicity is null ? null : "••••••",
            c.PartyEntryDate is null ? null : "••/••/••••",
            Petitions.PersonalData.MaskTail(c.Phone),
            c.Email is null ? null : "••••••",
            c.Discipline is null ? null : "••••••",
            Masked: true,
            Erased: c.ErasedAt is not null
        );

    private static CadrePerson Clear(Cadre c) =>
        new(
            c.FullName ?? "",
            c.BirthDate is { } b ? VietnamTime.Format(b) : null,
            c.Ethnicity,
            c.PartyEntryDate is { } p ? VietnamTime.Format(p) : null,
            c.Phone,
            c.Email,
            c.Discipline,
            Masked: false,
            Erased: false
        );

    private async Task<(Cadre Cadre, string UnitName)?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db
            .Cadres.AsNoTracking()
            .Where(c => c.Id == id)
            .Where(UnitScope.Rows<Cadre>(user, Permission.PersonnelView))
            .Select(c => new
            {
                Cadre = c,
                UnitName = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
            })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Cadre, found.UnitName);
    }

    private async Task<CadreView> ViewAsync(
        Cadre c,
        string unitName,
        CadrePerson person,
        CancellationToken ct,
        bool withTraining = true
    ) =>
        new(
            c.Id,
            c.UnitId,
            unitName,
            c.Sex,
            person,
            c.TheoryLevel,
            c.ProfessionalLevel,
            c.Degree,
            c.CivilServiceGrade,
            c.Awards,
            await PositionsAsync(c.Id, ct),
            withTraining ? await TrainingAsync(c.Id, ct) : [],
            CadreRules.MayEdit(user, c.Ref) && c.ErasedAt is null,
            CadreRules.MayReveal(user, c),
            c.Version
        );

    private async Task<IReadOnlyList<PositionRow>> PositionsAsync(int cadreId, CancellationToken ct) =>
        await db
            .CadrePositions.AsNoTracking()
            .Where(p => p.CadreId == cadreId)
            .OrderByDescending(p => p.StartOn)
            .ThenByDescending(p => p.Id)
            .Select(p => new PositionRow(
                p.Id,
                p.UnitId,
                db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                p.OrganizationId,
                db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.Name).Single(),
                p.Post,
                p.FullTime,
                p.StartOn,
                p.EndOn,
                p.DecisionNumber,
                p.DecisionDate,
                p.Version
            ))
            .ToListAsync(ct);

    private async Task<IReadOnlyList<CadreTrainingRow>> TrainingAsync(int cadreId, CancellationToken ct) =>
        await db
            .TrainingEnrolments.AsNoTracking()
            .Where(e => e.CadreId == cadreId)
            .Join(db.TrainingCourses, e => e.CourseId, c => c.Id, (e, c) => new { e, c })
            .OrderByDescending(x => x.c.StartsOn)
            .ThenByDescending(x => x.e.Id)
            .Select(x => new CadreTrainingRow(
                x.c.Id,
                x.c.Title,
                x.c.Kind,
                x.c.AwardsTheory,
                db.Units.Where(u => u.Id == x.c.UnitId).Select(u => u.Name).Single(),
                x.c.StartsOn,
                x.c.EndsOn,
                x.e.Status,
                x.e.CompletedOn,
                x.e.CertificateNumber
            ))
            .ToListAsync(ct);

    private async Task AuditAsync(AuditAction action, Cadre cadre, CancellationToken ct)
    {
        db.Audit(action, nameof(Cadre), Key(cadre), UnitScope.ScopeOf(cadre));
        await db.SaveChangesAsync(ct);
    }

    private static string Key(Cadre c) => c.Id.ToString(CultureInfo.InvariantCulture);
}
