using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Programs;

/// <summary>A thematic conference as entered on the form or sent to the API.</summary>
public sealed class ConferenceInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    public int Version { get; set; }

    /// <summary>The host unit (create only).</summary>
    [Display(Name = nameof(SharedResource.Field_HostUnit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ConferenceType), ResourceType = typeof(SharedResource))]
    public ConferenceType? Type { get; set; }

    [MaxChars(ThematicConference.TitleLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Title), ResourceType = typeof(SharedResource))]
    public string? Title { get; set; }

    [Display(Name = nameof(SharedResource.Field_HeldOn), ResourceType = typeof(SharedResource))]
    public DateOnly? HeldOn { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_Place), ResourceType = typeof(SharedResource))]
    public string? Place { get; set; }

    [MaxChars(ThematicConference.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Agenda), ResourceType = typeof(SharedResource))]
    public string? Agenda { get; set; }

    [MaxChars(ThematicConference.TextLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Conclusions), ResourceType = typeof(SharedResource))]
    public string? Conclusions { get; set; }

    /// <summary>The units taking part: the host's units below it.</summary>
    public List<int> ParticipantIds
    {
        get;
        set => field = value ?? [];
    } = [];

    /// <summary>The registry's models presented.</summary>
    public List<int> ModelIds
    {
        get;
        set => field = value ?? [];
    } = [];
}

/// <summary>A unit that may take part, or a model that may be presented, on the conference form.</summary>
public sealed record ConferenceOption(int Id, string Name, string? UnitName = null);

/// <summary>
/// Records a thematic conference held by a unit and edits it: its own officers and leaders write it; the units taking
/// part are units below the host; the models presented are models of the registry the writer reads (or the public
/// library's).
/// </summary>
internal sealed class SaveConference(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> CreateAsync(ConferenceInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(ThematicConference),
            () => SaveAsync(null, input, ct),
            ct
        );

    public Task<Result<int>> UpdateAsync(int id, ConferenceInput input, CancellationToken ct) =>
        SaveAsync(id, input, ct);

    /// <summary>The units below <paramref name="host"/> that may take part (in force), by level then name.</summary>
    public async Task<IReadOnlyList<ConferenceOption>> ParticipantOptionsAsync(UnitRef host, CancellationToken ct) =>
        await Below(host)
            .Where(u => u.ValidTo == null)
            .OrderBy(u => u.Level)
            .ThenBy(u => u.Name)
            .Take(ThematicConference.MaxUnits)
            .Select(u => new ConferenceOption(u.Id, u.Name))
            .ToListAsync(ct);

    /// <summary>The recognized (or commended) models the caller reads in the host's subtree, to be presented: those the
    /// units may commit to replicate.</summary>
    public async Task<IReadOnlyList<ConferenceOption>> ModelOptionsAsync(UnitRef host, CancellationToken ct)
    {
        var models = db.Models.AsNoTracking().Where(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView));
        models = host.Level switch
        {
            UnitLevel.Province => models.Where(m => m.ProvinceId == host.Id),
            UnitLevel.Commune => models.Where(m => m.CommuneId == host.Id),
            _ => models,
        };
        return await models
            .Where(m => m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
            .OrderBy(m => m.Name)
            .Take(200)
            .Select(m => new ConferenceOption(
                m.Id,
                m.Name,
                db.Units.Where(u => u.Id == m.UnitId).Select(u => u.Name).Single()
            ))
            .ToListAsync(ct);
    }

    private IQueryable<Unit> Below(UnitRef host) =>
        host.Level switch
        {
            UnitLevel.Central => db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.Province),
            UnitLevel.Province => db
                .Units.AsNoTracking()
                .Where(u => u.ProvinceId == host.Id && u.Level == UnitLevel.Commune),
            _ => db.Units.AsNoTracking().Where(u => u.CommuneId == host.Id && u.Level == UnitLevel.Village),
        };

    private async Task<Result<int>> SaveAsync(int? id, ConferenceInput input, CancellationToken ct)
    {
        ThematicConference? conference = null;
        UnitRef host;
        if (id is { } existing)
        {
            conference = await db.Conferences.SingleOrDefaultAsync(c => c.Id == existing, ct);
            if (conference is null || !ConferenceAccess.Sees(user, conference))
            {
                return new NotFoundError(L["Conferences_NotFound"]);
            }

            if (!ProgramRules.MayWrite(user, conference.UnitId))
            {
                return new ForbiddenError(L["Conferences_CannotEdit"]);
            }

            host = conference.Ref;
        }
        else
        {
            var unit = input.UnitId is { } unitId
                ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
                : null;
            if (input.UnitId is null)
            {
                return ValidationError.For(
                    L["Val_FixBelow"],
                    nameof(ConferenceInput.UnitId),
                    L["Val_Choose", L["Field_HostUnit"]]
                );
            }

            if (unit is null || !user.Can(Permission.ProgramsView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }

            if (!ProgramRules.MayWrite(user, unit.Id))
            {
                return new ForbiddenError(L["Conferences_CannotEdit"]);
            }

            if (!unit.IsActive || !ProgramRules.KeepsPrograms(unit.Level))
            {
                return ValidationError.For(
                    L["Val_FixBelow"],
                    nameof(ConferenceInput.UnitId),
                    unit.IsActive ? L["Programs_UnitLevel"] : L["Units_RetiredReadOnly", unit.Name]
                );
            }

            host = unit.Ref;
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        if (input.Type is null)
        {
            errors.Add(nameof(ConferenceInput.Type), L["Val_Choose", L["Field_ConferenceType"]]);
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(nameof(ConferenceInput.Title), L["Val_Required", L["Field_Title"]]);
        }

        if (input.HeldOn is not { } heldOn)
        {
            errors.Add(nameof(ConferenceInput.HeldOn), L["Val_Required", L["Field_HeldOn"]]);
        }
        else if (heldOn < today.AddYears(-5) || heldOn > today.AddYears(1))
        {
            errors.Add(nameof(ConferenceInput.HeldOn), L["Conferences_HeldOnRange"]);
        }

        var participants = input.ParticipantIds.Distinct().ToList();
        var models = input.ModelIds.Distinct().ToList();
        if (participants.Count > ThematicConference.MaxUnits)
        {
            errors.Add(nameof(ConferenceInput.ParticipantIds), L["Conferences_TooMany", ThematicConference.MaxUnits]);
        }
        else if (
            participants.Count > 0
            && await Below(host).CountAsync(u => participants.Contains(u.Id), ct) != participants.Count
        )
        {
            errors.Add(nameof(ConferenceInput.ParticipantIds), L["Conferences_ParticipantInvalid"]);
        }

        if (
            conference is not null
            && await db.ConferenceCommitments.AnyAsync(
                c =>
                    c.ConferenceId == conference.Id
                    && c.Status != CommitmentStatus.Withdrawn
                    && !participants.Contains(c.UnitId),
                ct
            )
        )
        {
            // A unit that committed at the conference took part in it.
            errors.Add(nameof(ConferenceInput.ParticipantIds), L["Conferences_ParticipantCommitted"]);
        }

        if (models.Count > ThematicConference.MaxModels)
        {
            errors.Add(nameof(ConferenceInput.ModelIds), L["Conferences_TooMany", ThematicConference.MaxModels]);
        }
        else if (models.Count > 0)
        {
            var readable = await db
                .Models.AsNoTracking()
                .Where(m => models.Contains(m.Id))
                .Where(ModelAccess(user))
                .CountAsync(ct);
            if (readable != models.Count)
            {
                errors.Add(nameof(ConferenceInput.ModelIds), L["Conferences_ModelInvalid"]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        if (conference is null)
        {
            conference = new ThematicConference
            {
                CreatedAt = db.UtcNow,
                UnitId = host.Id,
                ProvinceId = host.ProvinceId,
                CommuneId = host.CommuneId,
                VillageId = host.VillageId,
                UnitLevel = host.Level,
            };
            db.Conferences.Add(conference);
        }
        else
        {
            db.Entry(conference).Property(c => c.Version).OriginalValue = input.Version;
            // The units and models are saved with the conference: the version moves even when only they change.
            db.Entry(conference).Property(c => c.Version).IsModified = true;
            db.ConferenceUnits.RemoveRange(
                await db
                    .ConferenceUnits.Where(x =>
                        x.ConferenceId == conference.Id && !participants.Contains(x.ParticipantId)
                    )
                    .ToListAsync(ct)
            );
            db.ConferenceModels.RemoveRange(
                await db
                    .ConferenceModels.Where(x => x.ConferenceId == conference.Id && !models.Contains(x.ModelId))
                    .ToListAsync(ct)
            );
            var kept = await db
                .ConferenceUnits.Where(x => x.ConferenceId == conference.Id)
                .Select(x => x.ParticipantId)
                .ToListAsync(ct);
            participants = [.. participants.Except(kept)];
            var keptModels = await db
                .ConferenceModels.Where(x => x.ConferenceId == conference.Id)
                .Select(x => x.ModelId)
                .ToListAsync(ct);
            models = [.. models.Except(keptModels)];
        }

        conference.Type = input.Type!.Value;
        conference.Title = ProgramRules.Clean(input.Title)!;
        conference.HeldOn = input.HeldOn!.Value;
        conference.Place = ProgramRules.Clean(input.Place);
        conference.Agenda = ProgramRules.Clean(input.Agenda);
        conference.Conclusions = ProgramRules.Clean(input.Conclusions);
        conference.SearchText = TextSearch.Normalize(conference.Title);
        try
        {
            await db.SaveChangesAsync(ct);
            foreach (var participant in participants)
            {
                var row = new ConferenceUnit { ConferenceId = conference.Id, ParticipantId = participant };
                conference.StampOnto(row);
                db.ConferenceUnits.Add(row);
            }

            foreach (var model in models)
            {
                var row = new ConferenceModel { ConferenceId = conference.Id, ModelId = model };
                conference.StampOnto(row);
                db.ConferenceModels.Add(row);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return conference.Id;
    }

    /// <summary>A model the caller may link: one of the registry the caller reads, or a recognized public one.</summary>
    internal static System.Linq.Expressions.Expression<Func<MobilizationModel, bool>> ModelAccess(ICurrentUser user) =>
        ProgramAccess.Or(UnitScope.Rows<MobilizationModel>(user, Permission.ModelsView), m =>
            m.IsPublic && (m.Status == ModelStatus.Recognized || m.Status == ModelStatus.Commended)
        );
}
