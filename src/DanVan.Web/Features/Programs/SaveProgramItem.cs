using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Programs;

/// <summary>An item of a program as entered on the form or sent to the API.</summary>
public sealed class ProgramItemInput
{
    public int Version { get; set; }

    [MaxChars(ProgramItem.TaskLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Task), ResourceType = typeof(SharedResource))]
    public string? Task { get; set; }

    [MaxChars(300), PlainText]
    [Display(Name = nameof(SharedResource.Field_LeadOrganization), ResourceType = typeof(SharedResource))]
    public string? LeadOrganization { get; set; }

    [MaxChars(1000), PlainText]
    [Display(Name = nameof(SharedResource.Field_Coordinating), ResourceType = typeof(SharedResource))]
    public string? Coordinating { get; set; }

    [Range(1, 12)]
    [Display(Name = nameof(SharedResource.Field_DueMonth), ResourceType = typeof(SharedResource))]
    public int? DueMonth { get; set; }

    [Range(1, 4)]
    [Display(Name = nameof(SharedResource.Field_DueQuarter), ResourceType = typeof(SharedResource))]
    public int? DueQuarter { get; set; }

    [MaxChars(1000), PlainText]
    [Display(Name = nameof(SharedResource.Field_ExpectedOutput), ResourceType = typeof(SharedResource))]
    public string? ExpectedOutput { get; set; }

    /// <summary>The item of the parent program this one implements (cụ thể hóa).</summary>
    [Display(Name = nameof(SharedResource.Field_ParentItem), ResourceType = typeof(SharedResource))]
    public int? ParentItemId { get; set; }

    public static ProgramItemInput From(ProgramItem i) =>
        new()
        {
            Version = i.Version,
            Task = i.Task,
            LeadOrganization = i.LeadOrganization,
            Coordinating = i.Coordinating,
            DueMonth = i.DueMonth,
            DueQuarter = i.DueQuarter,
            ExpectedOutput = i.ExpectedOutput,
            ParentItemId = i.ParentItemId,
        };
}

/// <summary>
/// Adds, edits and removes the items of a draft program. An item implements at most one item of the parent program —
/// of that program and no other (checked here, and by the composite foreign key underneath); an item that items below
/// implement is not removed.
/// </summary>
internal sealed class SaveProgramItem(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> CreateAsync(int programId, ProgramItemInput input, CancellationToken ct)
    {
        var found = await EditableAsync(programId, ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var program = found.Value;
        var errors = await ValidateAsync(program, input, ct);
        var count = await db.ProgramItems.CountAsync(i => i.ProgramId == programId, ct);
        if (count >= ProgramRules.MaxItems)
        {
            errors.Add("", L["Programs_TooManyItems", ProgramRules.MaxItems]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var order =
            count == 0 ? 1 : await db.ProgramItems.Where(i => i.ProgramId == programId).MaxAsync(i => i.Order, ct) + 1;
        var item = new ProgramItem { ProgramId = programId, Order = order };
        program.StampOnto(item);
        Apply(program, item, input);
        db.ProgramItems.Add(item);
        await ProgramStamps.CoveredAsync(db, program, item, removed: false, ct);
        await ProgramStamps.ParentItemsChangedAsync(db, programId, count + 1, ct);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    public async Task<Result<int>> UpdateAsync(int programId, int itemId, ProgramItemInput input, CancellationToken ct)
    {
        var found = await EditableAsync(programId, ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var program = found.Value;
        var item = await db.ProgramItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProgramId == programId, ct);
        if (item is null)
        {
            return new NotFoundError(L["Programs_ItemNotFound"]);
        }

        var errors = await ValidateAsync(program, input, ct);
        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(item).Property(i => i.Version).OriginalValue = input.Version;
        Apply(program, item, input);
        await ProgramStamps.CoveredAsync(db, program, item, removed: false, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return item.Id;
    }

    /// <summary>Removes an item of a draft, from the <paramref name="version"/> of it the officer saw (required: a stale
    /// page does not remove an item someone has changed since).</summary>
    public async Task<Result<int>> DeleteAsync(int programId, int itemId, int? version, CancellationToken ct)
    {
        var found = await EditableAsync(programId, ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var item = await db.ProgramItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProgramId == programId, ct);
        if (item is null)
        {
            return new NotFoundError(L["Programs_ItemNotFound"]);
        }

        if (version is null)
        {
            return ValidationError.For(
                L["Val_FixBelow"],
                nameof(ProgramItemInput.Version),
                L["Val_Required", "version"]
            );
        }

        if (version != item.Version)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        var implementing = await db.ProgramItems.CountAsync(i => i.ParentItemId == itemId, ct);
        if (implementing > 0)
        {
            return new ConflictError(L["Programs_ItemImplemented", implementing]);
        }

        db.ProgramItems.Remove(item);
        await ProgramStamps.CoveredAsync(db, found.Value, item, removed: true, ct);
        await ProgramStamps.ParentItemsChangedAsync(
            db,
            programId,
            await db.ProgramItems.CountAsync(i => i.ProgramId == programId, ct) - 1,
            ct
        );
        await db.SaveChangesAsync(ct);
        return programId;
    }

    private async Task<Result<WorkProgram>> EditableAsync(int programId, CancellationToken ct)
    {
        var program = await db.WorkPrograms.SingleOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null || !ProgramAccess.Sees(user, program))
        {
            return new NotFoundError(L["Programs_NotFound"]);
        }

        if (!ProgramRules.MayWrite(user, program))
        {
            return new ForbiddenError(L["Programs_CannotEdit"]);
        }

        if (!program.IsEditable)
        {
            return new ConflictError(L["Programs_Locked", L.Enum(program.Status)]);
        }

        return program;
    }

    private async Task<ValidationErrors> ValidateAsync(
        WorkProgram program,
        ProgramItemInput input,
        CancellationToken ct
    )
    {
        var errors = RequestValidation.Validate(input);
        if (string.IsNullOrWhiteSpace(input.Task))
        {
            errors.Add(nameof(ProgramItemInput.Task), L["Val_Required", L["Field_Task"]]);
        }

        if (input.DueMonth is not null && input.DueQuarter is not null)
        {
            errors.Add(nameof(ProgramItemInput.DueQuarter), L["Programs_DueMonthOrQuarter"]);
        }

        if (input.ParentItemId is { } parentItemId)
        {
            var ok =
                program.ParentProgramId is { } parentProgramId
                && await db.ProgramItems.AnyAsync(i => i.Id == parentItemId && i.ProgramId == parentProgramId, ct);
            if (!ok)
            {
                errors.Add(nameof(ProgramItemInput.ParentItemId), L["Programs_ParentItemInvalid"]);
            }
        }

        return errors;
    }

    private static void Apply(WorkProgram program, ProgramItem item, ProgramItemInput input)
    {
        item.Task = ProgramRules.Clean(input.Task)!;
        item.LeadOrganization = Clean(input.LeadOrganization);
        item.Coordinating = Clean(input.Coordinating);
        item.DueMonth = input.DueMonth;
        item.DueQuarter = input.DueQuarter;
        item.ExpectedOutput = Clean(input.ExpectedOutput);
        item.ParentProgramId = input.ParentItemId is null ? null : program.ParentProgramId;
        item.ParentItemId = input.ParentItemId;
        ProgramStamps.Due(program, item);
    }

    private static string? Clean(string? text) => ProgramRules.Clean(text);
}

/// <summary>A progress note on an item: the status it reached, when, what was done and the evidence.</summary>
public sealed class ItemProgressInput
{
    /// <summary>The version of the item the officer saw.</summary>
    public int Version { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_ItemStatus), ResourceType = typeof(SharedResource))]
    public ItemStatus? Status { get; set; }

    [Display(Name = nameof(SharedResource.Field_ProgressOn), ResourceType = typeof(SharedResource))]
    public DateOnly? On { get; set; }

    [MaxChars(ProgramItemProgress.NoteLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_ProgressNote), ResourceType = typeof(SharedResource))]
    public string? Note { get; set; }

    [MaxChars(1000), PlainText]
    [Display(Name = nameof(SharedResource.Field_Evidence), ResourceType = typeof(SharedResource))]
    public string? Evidence { get; set; }
}

/// <summary>Records progress on an item of an approved program: the note joins the item's history and the item takes
/// the status; done items remember the day.</summary>
internal sealed class RecordItemProgress(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int programId, int itemId, ItemProgressInput input, CancellationToken ct)
    {
        var program = await db.WorkPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null || !ProgramAccess.Sees(user, program))
        {
            return new NotFoundError(L["Programs_NotFound"]);
        }

        var item = await db.ProgramItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProgramId == programId, ct);
        if (item is null)
        {
            return new NotFoundError(L["Programs_ItemNotFound"]);
        }

        if (!ProgramRules.MayWrite(user, program))
        {
            return new ForbiddenError(L["Programs_CannotEdit"]);
        }

        if (program.FirstApprovedOn is null)
        {
            return new ConflictError(L["Programs_ProgressNotYet"]);
        }

        var errors = RequestValidation.Validate(input);
        var today = VietnamTime.Today(clock);
        if (input.Status is null)
        {
            errors.Add(nameof(ItemProgressInput.Status), L["Val_Choose", L["Field_ItemStatus"]]);
        }

        if (input.On is not { } on)
        {
            errors.Add(nameof(ItemProgressInput.On), L["Val_Required", L["Field_ProgressOn"]]);
        }
        else if (on > today || on.Year < program.Year - 1)
        {
            errors.Add(nameof(ItemProgressInput.On), L["Programs_ProgressDate"]);
        }

        if (string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(nameof(ItemProgressInput.Note), L["Val_Required", L["Field_ProgressNote"]]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(item).Property(i => i.Version).OriginalValue = input.Version;
        item.Status = input.Status!.Value;
        item.DoneOn = item.Status == ItemStatus.Done ? input.On : null;
        var row = new ProgramItemProgress
        {
            ItemId = item.Id,
            ProgramId = programId,
            On = input.On!.Value,
            Status = item.Status,
            Note = ProgramRules.Clean(input.Note)!,
            Evidence = ProgramRules.Clean(input.Evidence),
            ById = user.AccountId,
            ByName = user.DisplayName ?? "",
            At = clock.GetUtcNow().ToUniversalTime(),
        };
        program.StampOnto(row);
        db.ProgramItemProgress.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return item.Id;
    }
}
