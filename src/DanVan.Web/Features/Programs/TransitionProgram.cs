using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Programs;

/// <summary>A step on a program: submit, return (reason), approve (the committee's decision), publish, amend
/// (reason).</summary>
public sealed class ProgramStepInput
{
    [DefinedValue]
    public ProgramAction Action { get; set; }

    /// <summary>The version of the program the actor saw.</summary>
    public int Version { get; set; }

    [MaxChars(ProgramRules.ReasonLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Reason), ResourceType = typeof(SharedResource))]
    public string? Reason { get; set; }

    [MaxChars(100), PlainText]
    [Display(Name = nameof(SharedResource.Field_DecisionNumber), ResourceType = typeof(SharedResource))]
    public string? DecisionNumber { get; set; }

    [Display(Name = nameof(SharedResource.Field_DecisionDate), ResourceType = typeof(SharedResource))]
    public DateOnly? DecisionDate { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_ApprovingBody), ResourceType = typeof(SharedResource))]
    public string? ApprovingBody { get; set; }
}

/// <summary>What a committee approved, frozen: the heading, the bases and the items as they stood.</summary>
public sealed record ProgramSnapshot(
    string Title,
    string? Purposes,
    IReadOnlyList<BasisSnapshot> Bases,
    IReadOnlyList<ItemSnapshot> Items
)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProgramSnapshot Read(string json) =>
        JsonSerializer.Deserialize<ProgramSnapshot>(json, Json) ?? new("", null, [], []);
}

public sealed record BasisSnapshot(string Number, DateOnly? IssuedOn, string? Issuer, string? Title);

public sealed record ItemSnapshot(
    int Id,
    int Order,
    string Task,
    string? LeadOrganization,
    string? Coordinating,
    int? DueMonth,
    int? DueQuarter,
    string? ExpectedOutput,
    int? ParentItemId
);

/// <summary>
/// Moves a program one step (docs/decisions/ADR-0030). The unit's officers submit a draft with at least one item; its
/// own committee returns it with a reason or approves it by a decision (number, date, body), which freezes the edition
/// as a <see cref="ProgramVersion"/>; the officers publish an approved program — after the parent program, never
/// before it — and amend an approved or published one with a reason, which opens the next edition as a draft while the
/// approved one stays readable and in force.
/// </summary>
internal sealed class TransitionProgram(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    ProgramAlertSettings settings,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, ProgramStepInput input, CancellationToken ct)
    {
        var program = await db.WorkPrograms.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (program is null || !ProgramAccess.Sees(user, program))
        {
            return new NotFoundError(L["Programs_NotFound"]);
        }

        if (!Enum.IsDefined(input.Action))
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(ProgramStepInput.Action), L["Programs_UnknownStep"]);
        }

        var action = input.Action;
        if (!ProgramRules.May(user, program, action))
        {
            return new ForbiddenError(L["Programs_CannotTakeStep", L.Enum(action)]);
        }

        if (!ProgramRules.From(action).Contains(program.Status))
        {
            return new ConflictError(L["Programs_IllegalStep", L.Enum(action), L.Enum(program.Status)]);
        }

        var today = VietnamTime.Today(clock);
        var errors = RequestValidation.Validate(input);
        if (ProgramRules.NeedsReason(action) && string.IsNullOrWhiteSpace(input.Reason))
        {
            errors.Add(nameof(ProgramStepInput.Reason), L["Val_Required", L["Field_Reason"]]);
        }

        if (action == ProgramAction.Approve)
        {
            if (string.IsNullOrWhiteSpace(input.DecisionNumber))
            {
                errors.Add(nameof(ProgramStepInput.DecisionNumber), L["Val_Required", L["Field_DecisionNumber"]]);
            }

            if (input.DecisionDate is not { } date)
            {
                errors.Add(nameof(ProgramStepInput.DecisionDate), L["Val_Required", L["Field_DecisionDate"]]);
            }
            else if (date > today || date.Year < program.Year - 1)
            {
                errors.Add(nameof(ProgramStepInput.DecisionDate), L["Programs_DecisionDate"]);
            }

            if (string.IsNullOrWhiteSpace(input.ApprovingBody))
            {
                errors.Add(nameof(ProgramStepInput.ApprovingBody), L["Val_Required", L["Field_ApprovingBody"]]);
            }
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var items = await db.ProgramItems.Where(i => i.ProgramId == id).OrderBy(i => i.Order).ToListAsync(ct);
        if (action == ProgramAction.Submit && items.Count == 0)
        {
            return new ConflictError(L["Programs_NoItems"]);
        }

        if (action == ProgramAction.Publish && program.ParentProgramId is { } parentId)
        {
            var parentPublished = await db
                .WorkPrograms.Where(p => p.Id == parentId)
                .Select(p => p.PublishedOn)
                .SingleOrDefaultAsync(ct);
            if (parentPublished is null)
            {
                return new ConflictError(L["Programs_ParentNotPublished"]);
            }
        }

        db.Entry(program).Property(p => p.Version).OriginalValue = input.Version;
        var from = program.Status;
        var now = clock.GetUtcNow().ToUniversalTime();
        program.Status = ProgramRules.To(action);
        switch (action)
        {
            case ProgramAction.Submit:
                program.SubmittedOn = today;
                program.ReturnReason = null;
                break;
            case ProgramAction.Return:
                program.ReturnReason = ProgramRules.Clean(input.Reason)!;
                break;
            case ProgramAction.Approve:
                program.DecisionNumber = ProgramRules.Clean(input.DecisionNumber)!;
                program.DecisionDate = input.DecisionDate;
                program.ApprovingBody = ProgramRules.Clean(input.ApprovingBody)!;
                program.ApprovedById = user.AccountId;
                if (program.FirstApprovedOn is null)
                {
                    program.FirstApprovedOn = input.DecisionDate;
                    program.ApprovedOnTime = input.DecisionDate <= settings.ApprovalDeadline(program.Year);
                }

                foreach (var item in items)
                {
                    ProgramStamps.Due(program, item);
                }

                await FreezeAsync(program, items, now, ct);
                break;
            case ProgramAction.Publish:
                program.PublishedOn ??= today;
                break;
            default:
                program.Edition++;
                program.AmendmentReason = ProgramRules.Clean(input.Reason)!;
                program.DecisionNumber = null;
                program.DecisionDate = null;
                program.ApprovingBody = null;
                program.ApprovedById = null;
                break;
        }

        var step = new ProgramEvent
        {
            ProgramId = program.Id,
            Action = action,
            From = from,
            To = program.Status,
            Edition = program.Edition,
            Reason = ProgramRules.NeedsReason(action) ? ProgramRules.Clean(input.Reason)! : null,
            ById = user.AccountId,
            ByName = user.DisplayName ?? "",
            At = now,
        };
        program.StampOnto(step);
        db.ProgramEvents.Add(step);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return program.Id;
    }

    private async Task FreezeAsync(
        WorkProgram program,
        IReadOnlyList<ProgramItem> items,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var bases = await db
            .ProgramBases.AsNoTracking()
            .Where(b => b.ProgramId == program.Id)
            .OrderBy(b => b.Order)
            .ToListAsync(ct);
        var snapshot = new ProgramSnapshot(
            program.Title,
            program.Purposes,
            [.. bases.Select(b => new BasisSnapshot(b.Number, b.IssuedOn, b.Issuer, b.Title))],
            [
                .. items.Select(i => new ItemSnapshot(
                    i.Id,
                    i.Order,
                    i.Task,
                    i.LeadOrganization,
                    i.Coordinating,
                    i.DueMonth,
                    i.DueQuarter,
                    i.ExpectedOutput,
                    i.ParentItemId
                )),
            ]
        );
        var version = new ProgramVersion
        {
            ProgramId = program.Id,
            Edition = program.Edition,
            DecisionNumber = program.DecisionNumber!,
            DecisionDate = program.DecisionDate!.Value,
            ApprovingBody = program.ApprovingBody!,
            AmendmentReason = program.AmendmentReason,
            Snapshot = JsonSerializer.Serialize(snapshot, ProgramSnapshot.Json),
            ApprovedById = user.AccountId,
            ApprovedByName = user.DisplayName ?? "",
            ApprovedAt = now,
        };
        program.StampOnto(version);
        db.ProgramVersions.Add(version);
    }
}
