using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>A unit adopting a recognized model, or a change to that replication.</summary>
public sealed class ReplicationInput
{
    /// <summary>The adopting unit (create only).</summary>
    public int? UnitId { get; set; }

    [Required(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Choose)
    )]
    [Display(Name = nameof(SharedResource.Field_OwningOrganization), ResourceType = typeof(SharedResource))]
    public int? OrganizationId { get; set; }

    [Required(
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Required)
    )]
    [Display(Name = nameof(SharedResource.Field_StartDate), ResourceType = typeof(SharedResource))]
    public DateOnly? StartDate { get; set; }

    [RequiredField, MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Adaptations), ResourceType = typeof(SharedResource))]
    public string Adaptations { get; set; } = "";

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ReplicationStatus), ResourceType = typeof(SharedResource))]
    public ReplicationStatus Status { get; set; } = ReplicationStatus.Implementing;

    [MaxChars(MobilizationModelConfiguration.ItemLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_StepNote), ResourceType = typeof(SharedResource))]
    public string? StatusNote { get; set; }

    public int Version { get; set; }

    [MaxChars(64)]
    public string? SubmissionId { get; set; }
}

/// <summary>
/// Records that a unit adopts a model. Only a recognized (or commended) model can be replicated, by a unit
/// other than its own, by an officer of the adopting unit who can see the model or finds it public.
/// </summary>
internal sealed class ReplicateModel(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> HandleAsync(int modelId, ReplicationInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(ModelReplication),
            () => CreateAsync(modelId, input, ct),
            ct
        );

    private async Task<Result<int>> CreateAsync(int modelId, ReplicationInput input, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || !(user.Can(Permission.ModelsView, model.Ref) || (model.IsPublic && model.IsRecognized)))
        {
            return new NotFoundError(L["Models_NotFound"]);
        }

        var unit = input.UnitId is { } unitId
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
            : null;
        if (unit is null || !user.Can(Permission.ModelsView, unit.Ref))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        if (!user.Can(Permission.ModelsEdit, unit.Ref))
        {
            return new ForbiddenError(L["Models_CannotEdit", unit.Name]);
        }

        if (!model.IsRecognized)
        {
            return new ConflictError(L["Models_ReplicateNotRecognized", L.Enum(model.Status)]);
        }

        var errors = RequestValidation.Validate(input);
        if (unit.Id == model.UnitId)
        {
            errors.Add(nameof(ReplicationInput.UnitId), L["Models_ReplicateOwnUnit"]);
        }
        else if (!unit.IsActive)
        {
            errors.Add(nameof(ReplicationInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
        }

        await CheckAsync(db, input, unit.Id, errors, clock, L, ct);
        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var replication = new ModelReplication
        {
            SourceModelId = model.Id,
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            UnitLevel = unit.Level,
            OrganizationId = input.OrganizationId!.Value,
            StartDate = input.StartDate!.Value,
            Adaptations = input.Adaptations,
            Status = input.Status,
            StatusNote = Clean(input.StatusNote),
            CreatedAt = db.UtcNow,
        };
        db.ModelReplications.Add(replication);
        await db.SaveChangesAsync(ct);
        return replication.Id;
    }

    /// <summary>The organization must be the adopting unit's; the start no more than a year ahead.</summary>
    public static async Task CheckAsync(
        DanVanDbContext db,
        ReplicationInput input,
        int unitId,
        ValidationErrors errors,
        TimeProvider clock,
        IStringLocalizer L,
        CancellationToken ct
    )
    {
        if (
            input.OrganizationId is { } organizationId
            && !await db.Organizations.AnyAsync(o => o.Id == organizationId && o.UnitId == unitId && o.IsActive, ct)
        )
        {
            errors.Add(nameof(ReplicationInput.OrganizationId), L["Models_OrganizationNotOfUnit"]);
        }

        if (input.StartDate is { } start && start > VietnamTime.Today(clock).AddYears(1))
        {
            errors.Add(nameof(ReplicationInput.StartDate), L["Models_StartTooFar"]);
        }
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>Changes a replication (organization, start, adaptations, status) from the version the editor saw.</summary>
internal sealed class UpdateReplication(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, ReplicationInput input, CancellationToken ct)
    {
        var foundReplication = await db
            .ModelReplications.Where(r => r.Id == id)
            .LoadScopedAsync(
                user,
                Permission.ModelsView,
                Permission.ModelsEdit,
                L["Models_ReplicationNotFound"],
                replication => L["Models_CannotEditReplication"],
                ct
            );
        if (!foundReplication.IsOk)
        {
            return foundReplication.Error;
        }

        var replication = foundReplication.Value;

        var errors = RequestValidation.Validate(input);
        await ReplicateModel.CheckAsync(db, input, replication.UnitId, errors, clock, L, ct);
        if (input.Status == ReplicationStatus.Stopped && string.IsNullOrWhiteSpace(input.StatusNote))
        {
            errors.Add(nameof(ReplicationInput.StatusNote), L["Val_Required", L["Field_Reason"]]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(replication).Property(r => r.Version).OriginalValue = input.Version;
        replication.OrganizationId = input.OrganizationId!.Value;
        replication.StartDate = input.StartDate!.Value;
        replication.Adaptations = input.Adaptations;
        replication.Status = input.Status;
        replication.StatusNote = ReplicateModel.Clean(input.StatusNote);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return replication.Id;
    }
}

/// <summary>
/// The units the caller may replicate a model in: the units of their assignments that carry
/// <see cref="Permission.ModelsEdit"/> and the units directly below them, still in force. One statement.
/// </summary>
internal sealed class ReplicationUnits(DanVanDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<(int Id, string Name)>> HandleAsync(CancellationToken ct)
    {
        var roots = user
            .Grants.Where(g => RolePermissions.Grants(g.Role, Permission.ModelsEdit))
            .Select(g => (int?)g.UnitId)
            .Distinct()
            .ToList();
        if (roots.Count == 0)
        {
            return [];
        }

        var units = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.ValidTo == null
                && u.Level != Units.UnitLevel.Central
                && (roots.Contains(u.Id) || roots.Contains(u.ParentId))
            )
            .OrderBy(u => u.Level)
            .ThenBy(u => u.SearchText)
            .Take(1000)
            .Select(u => new { u.Id, u.Name })
            .ToListAsync(ct);
        return [.. units.Select(u => (u.Id, u.Name))];
    }
}
