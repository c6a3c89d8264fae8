using System.ComponentModel.DataAnnotations;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>A category of petitions with its deadline rule, named in the three languages.</summary>
public sealed class PetitionCategoryInput : ReferenceEntryInput
{
    [Range(1, 365)]
    [Display(Name = nameof(SharedResource.Field_ResponseDays), ResourceType = typeof(SharedResource))]
    public int ResponseDays { get; set; } = PetitionRules.DefaultResponseDays;

    public bool IsActive { get; set; } = true;

    /// <summary>The version the editor started from (edits only).</summary>
    public int Version { get; set; }
}

/// <summary>A public holiday or a weekend day worked in exchange.</summary>
public sealed class CalendarDayInput
{
    [Display(Name = nameof(SharedResource.Field_Date), ResourceType = typeof(SharedResource))]
    public DateOnly? Date { get; set; }

    [RequiredField, MaxChars(200), PlainText]
    [Display(Name = nameof(SharedResource.Field_HolidayName), ResourceType = typeof(SharedResource))]
    public string Name { get; set; } = "";

    public bool IsWorkingDay { get; set; }
}

/// <summary>System administrators configure the categories with their deadline rules and the working-day
/// calendar.</summary>
internal sealed class ConfigurePetitions(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> SaveCategoryAsync(int? id, PetitionCategoryInput input, CancellationToken ct)
    {
        if (!user.Can(Permission.PetitionsConfigure))
        {
            return new ForbiddenError(L["Petitions_CannotConfigure"]);
        }

        var category = id is { } existing
            ? await db.PetitionCategories.SingleOrDefaultAsync(c => c.Id == existing, ct)
            : null;
        if (id is not null && category is null)
        {
            return new NotFoundError(L["Problem_NotFound"]);
        }

        var errors = RequestValidation.Validate(input);
        if (await db.PetitionCategories.CodeTakenAsync(input.Code, id, ct))
        {
            errors.Add(nameof(PetitionCategoryInput.Code), L["Models_CodeTaken", input.Code]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        if (category is null)
        {
            category = new PetitionCategory { SortOrder = await db.PetitionCategories.NextSortOrderAsync(ct) };
            db.PetitionCategories.Add(category);
        }
        else
        {
            db.Entry(category).Property(c => c.Version).OriginalValue = input.Version;
        }

        category.Apply(input);
        category.ResponseDays = input.ResponseDays;
        category.IsActive = input.IsActive;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return category.Id;
    }

    public async Task<Result<int>> AddDayAsync(CalendarDayInput input, CancellationToken ct)
    {
        if (!user.Can(Permission.PetitionsConfigure))
        {
            return new ForbiddenError(L["Petitions_CannotConfigure"]);
        }

        var errors = RequestValidation.Validate(input);
        if (input.Date is not { } date)
        {
            errors.Add(nameof(CalendarDayInput.Date), L["Val_Required", L["Field_Date"]]);
        }
        else if (await db.CalendarDays.AnyAsync(d => d.Date == date, ct))
        {
            errors.Add(nameof(CalendarDayInput.Date), L["Petitions_DayExists"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var day = new CalendarDay
        {
            Date = input.Date!.Value,
            Name = input.Name,
            IsWorkingDay = input.IsWorkingDay,
        };
        db.CalendarDays.Add(day);
        await db.SaveChangesAsync(ct);
        return day.Id;
    }

    public async Task<Result<int>> RemoveDayAsync(int id, CancellationToken ct)
    {
        if (!user.Can(Permission.PetitionsConfigure))
        {
            return new ForbiddenError(L["Petitions_CannotConfigure"]);
        }

        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (day is null)
        {
            return new NotFoundError(L["Problem_NotFound"]);
        }

        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(ct);
        return id;
    }
}
