using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Dialogues;

/// <summary>A dialogue session as entered on the form or sent to the API.</summary>
public sealed class DialogueInput
{
    [MaxLength(64)]
    public string? SubmissionId { get; set; }

    /// <summary>The version the editor started from (edits only).</summary>
    public int Version { get; set; }

    [Display(Name = nameof(SharedResource.Field_Unit), ResourceType = typeof(SharedResource))]
    public int? UnitId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_DialogueType), ResourceType = typeof(SharedResource))]
    public DialogueType? Type { get; set; }

    [Display(Name = nameof(SharedResource.Field_HeldOn), ResourceType = typeof(SharedResource))]
    public DateOnly? HeldOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_StartsAt), ResourceType = typeof(SharedResource))]
    public TimeOnly? StartsAt { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_DialogueFormat), ResourceType = typeof(SharedResource))]
    public DialogueFormat? Format { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_Place), ResourceType = typeof(SharedResource))]
    public string? Place { get; set; }

    [MaxChars(500)]
    [Display(Name = nameof(SharedResource.Field_OnlineLink), ResourceType = typeof(SharedResource))]
    public string? OnlineLink { get; set; }

    [MaxChars(500), PlainText]
    [Display(Name = nameof(SharedResource.Field_Topic), ResourceType = typeof(SharedResource))]
    public string? Topic { get; set; }

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_ChairName), ResourceType = typeof(SharedResource))]
    public string? ChairName { get; set; }

    [MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_ChairPosition), ResourceType = typeof(SharedResource))]
    public string? ChairPosition { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_ChairOrganization), ResourceType = typeof(SharedResource))]
    public string? ChairOrganization { get; set; }

    [MaxChars(2000), PlainText]
    [Display(Name = nameof(SharedResource.Field_CoChairs), ResourceType = typeof(SharedResource))]
    public string? CoChairs { get; set; }

    public bool HeldByPartyHead { get; set; }

    [Range(0, 1_000_000)]
    [Display(Name = nameof(SharedResource.Field_CitizenCount), ResourceType = typeof(SharedResource))]
    public int? CitizenCount { get; set; }

    [Range(0, 1_000_000)]
    [Display(Name = nameof(SharedResource.Field_BusinessCount), ResourceType = typeof(SharedResource))]
    public int? BusinessCount { get; set; }

    [Range(0, 1_000_000)]
    [Display(Name = nameof(SharedResource.Field_OfficialCount), ResourceType = typeof(SharedResource))]
    public int? OfficialCount { get; set; }

    [MaxChars(20000), PlainText]
    [Display(Name = nameof(SharedResource.Field_AttendanceList), ResourceType = typeof(SharedResource))]
    public string? AttendanceList { get; set; }

    [MaxChars(20000), PlainText]
    [Display(Name = nameof(SharedResource.Field_Minutes), ResourceType = typeof(SharedResource))]
    public string? Minutes { get; set; }

    [MaxChars(DialogueRules.ConclusionsLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Conclusions), ResourceType = typeof(SharedResource))]
    public string? Conclusions { get; set; }

    [Display(Name = nameof(SharedResource.Field_NoticePublishedOn), ResourceType = typeof(SharedResource))]
    public DateOnly? NoticePublishedOn { get; set; }

    [Display(Name = nameof(SharedResource.Field_ResultsPublishedOn), ResourceType = typeof(SharedResource))]
    public DateOnly? ResultsPublishedOn { get; set; }
}

/// <summary>
/// Records a dialogue session of a unit (scheduled ahead or held) and edits it from the version the editor saw.
/// The 7-day / 10-day rules are warnings shown on the session, not refusals: the record must match what happened.
/// </summary>
internal sealed class SaveDialogue(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public Task<Result<int>> CreateAsync(DialogueInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(DialogueSession),
            () => SaveAsync(null, input, ct),
            ct
        );

    public Task<Result<int>> UpdateAsync(int id, DialogueInput input, CancellationToken ct) => SaveAsync(id, input, ct);

    private async Task<Result<int>> SaveAsync(int? id, DialogueInput input, CancellationToken ct)
    {
        DialogueSession? session = null;
        if (id is { } existing)
        {
            var found = await db
                .Dialogues.Where(d => d.Id == existing)
                .LoadScopedAsync(
                    user,
                    Permission.DialoguesView,
                    Permission.DialoguesEdit,
                    L["Dialogues_NotFound"],
                    _ => L["Dialogues_CannotEdit"],
                    ct
                );
            if (!found.IsOk)
            {
                return found.Error;
            }

            session = found.Value;
        }

        var errors = RequestValidation.Validate(input);
        Unit? unit = null;
        if (session is null)
        {
            unit = input.UnitId is { } unitId
                ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct)
                : null;
            if (input.UnitId is null)
            {
                errors.Add(nameof(DialogueInput.UnitId), L["Val_Choose", L["Field_Unit"]]);
            }
            else if (unit is null || !user.Can(Permission.DialoguesView, unit.Ref))
            {
                return new NotFoundError(L["Units_NotFound"]);
            }
            else if (!user.Can(Permission.DialoguesEdit, unit.Ref))
            {
                return new ForbiddenError(L["Dialogues_CannotEdit"]);
            }
            else if (!unit.IsActive)
            {
                errors.Add(nameof(DialogueInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
            }
            else if (unit.Level is UnitLevel.Central or UnitLevel.Village)
            {
                errors.Add(nameof(DialogueInput.UnitId), L["Dialogues_UnitLevel"]);
            }
        }

        if (input.Type is null)
        {
            errors.Add(nameof(DialogueInput.Type), L["Val_Choose", L["Field_DialogueType"]]);
        }

        if (input.HeldOn is not { } heldOn)
        {
            errors.Add(nameof(DialogueInput.HeldOn), L["Val_Required", L["Field_HeldOn"]]);
        }
        else
        {
            var today = VietnamTime.Today(clock);
            if (heldOn > today.AddYears(2) || heldOn < new DateOnly(2000, 1, 1))
            {
                errors.Add(nameof(DialogueInput.HeldOn), L["Val_Invalid"]);
            }

            if (input.NoticePublishedOn is { } notice && (notice > heldOn || notice > today))
            {
                errors.Add(nameof(DialogueInput.NoticePublishedOn), L["Dialogues_NoticeAfterSession"]);
            }

            if (input.ResultsPublishedOn is { } results && (results < heldOn || results > today))
            {
                errors.Add(nameof(DialogueInput.ResultsPublishedOn), L["Dialogues_ResultsBeforeSession"]);
            }
        }

        if (input.Format is null)
        {
            errors.Add(nameof(DialogueInput.Format), L["Val_Choose", L["Field_DialogueFormat"]]);
        }
        else
        {
            if (input.Format != DialogueFormat.Online && string.IsNullOrWhiteSpace(input.Place))
            {
                errors.Add(nameof(DialogueInput.Place), L["Val_Required", L["Field_Place"]]);
            }

            if (input.Format != DialogueFormat.InPerson)
            {
                if (string.IsNullOrWhiteSpace(input.OnlineLink))
                {
                    errors.Add(nameof(DialogueInput.OnlineLink), L["Val_Required", L["Field_OnlineLink"]]);
                }
                else if (
                    !Uri.TryCreate(input.OnlineLink.Trim(), UriKind.Absolute, out var link)
                    || link.Scheme is not ("https" or "http")
                )
                {
                    errors.Add(nameof(DialogueInput.OnlineLink), L["Dialogues_LinkInvalid"]);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(input.Topic))
        {
            errors.Add(nameof(DialogueInput.Topic), L["Val_Required", L["Field_Topic"]]);
        }

        if (string.IsNullOrWhiteSpace(input.ChairName))
        {
            errors.Add(nameof(DialogueInput.ChairName), L["Val_Required", L["Field_ChairName"]]);
        }

        if (
            input is { Type: DialogueType.PeriodicReception, HeldByPartyHead: true, HeldOn: { } day }
            && (session?.UnitId ?? unit?.Id) is { } receptionUnit
            && !errors.Has(nameof(DialogueInput.HeldOn))
            && await db
                .Dialogues.Where(DialogueRules.IsReceptionDay)
                .AnyAsync(d => d.UnitId == receptionUnit && d.HeldOn == day && d.Id != (id ?? 0), ct)
        )
        {
            // One reception day a day: the rule counts days, and the catalogue counts these sessions.
            errors.Add(nameof(DialogueInput.HeldOn), L["Dialogues_ReceptionDayTaken", VietnamTime.Format(day)]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (session is null)
        {
            session = new DialogueSession
            {
                CreatedAt = db.UtcNow,
                UnitId = unit!.Id,
                UnitLevel = unit.Level,
            };
            session.ProvinceId = unit.ProvinceId;
            session.CommuneId = unit.CommuneId;
            session.VillageId = unit.VillageId;
            db.Dialogues.Add(session);
        }
        else
        {
            db.Entry(session).Property(d => d.Version).OriginalValue = input.Version;
        }

        Apply(session, input);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return session.Id;
    }

    private static void Apply(DialogueSession d, DialogueInput input)
    {
        d.Type = input.Type!.Value;
        d.HeldOn = input.HeldOn!.Value;
        d.StartsAt = input.StartsAt;
        d.Format = input.Format!.Value;
        d.Place = Clean(input.Place);
        d.OnlineLink = d.Format == DialogueFormat.InPerson ? null : input.OnlineLink?.Trim();
        d.Topic = input.Topic!;
        d.ChairName = input.ChairName!;
        d.ChairPosition = Clean(input.ChairPosition);
        d.ChairOrganization = Clean(input.ChairOrganization);
        d.CoChairs = Clean(input.CoChairs);
        d.HeldByPartyHead = input.HeldByPartyHead;
        d.CitizenCount = input.CitizenCount ?? 0;
        d.BusinessCount = input.BusinessCount ?? 0;
        d.OfficialCount = input.OfficialCount ?? 0;
        d.AttendanceList = Clean(input.AttendanceList);
        d.Minutes = Clean(input.Minutes);
        d.Conclusions = Clean(input.Conclusions);
        d.NoticePublishedOn = input.NoticePublishedOn;
        d.ResultsPublishedOn = input.ResultsPublishedOn;
        d.SearchText = TextSearch.Normalize($"{d.Topic} {d.ChairName} {d.Place}");
    }

    public static DialogueInput InputOf(DialogueSession d) =>
        new()
        {
            Version = d.Version,
            UnitId = d.UnitId,
            Type = d.Type,
            HeldOn = d.HeldOn,
            StartsAt = d.StartsAt,
            Format = d.Format,
            Place = d.Place,
            OnlineLink = d.OnlineLink,
            Topic = d.Topic,
            ChairName = d.ChairName,
            ChairPosition = d.ChairPosition,
            ChairOrganization = d.ChairOrganization,
            CoChairs = d.CoChairs,
            HeldByPartyHead = d.HeldByPartyHead,
            CitizenCount = d.CitizenCount,
            BusinessCount = d.BusinessCount,
            OfficialCount = d.OfficialCount,
            AttendanceList = d.AttendanceList,
            Minutes = d.Minutes,
            Conclusions = d.Conclusions,
            NoticePublishedOn = d.NoticePublishedOn,
            ResultsPublishedOn = d.ResultsPublishedOn,
        };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
