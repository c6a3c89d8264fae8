using System.Linq.Expressions;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

public sealed record PetitionCategoryRow(
    int Id,
    string Code,
    string Name,
    string NameEn,
    string NameDe,
    int ResponseDays,
    bool IsActive,
    int Version
);

public sealed record CalendarDayRow(int Id, DateOnly Date, string Name, bool IsWorkingDay);

/// <summary>
/// The categories and the working-day calendar as the API gives them (what <see cref="ConfigurePetitions"/> changes):
/// the lists, and one row by id for the answer to a change. One statement each.
/// </summary>
internal sealed class ReadPetitionSettings(DanVanDbContext db, TimeProvider clock)
{
    private static readonly Expression<Func<PetitionCategory, PetitionCategoryRow>> CategoryRow =
        c => new PetitionCategoryRow(c.Id, c.Code, c.Name, c.NameEn, c.NameDe, c.ResponseDays, c.IsActive, c.Version);

    private static readonly Expression<Func<CalendarDay, CalendarDayRow>> DayRow = d => new CalendarDayRow(
        d.Id,
        d.Date,
        d.Name,
        d.IsWorkingDay
    );

    /// <summary>Every category, in their order.</summary>
    public Task<List<PetitionCategoryRow>> CategoriesAsync(CancellationToken ct) =>
        db
            .PetitionCategories.AsNoTracking()
            .OrderBy(c => c.SortOrder)
            .ThenBy(c => c.Id)
            .Select(CategoryRow)
            .ToListAsync(ct);

    /// <summary>Every category with all its columns, in their order, for the settings page.</summary>
    public Task<List<PetitionCategory>> CategoryRecordsAsync(CancellationToken ct) =>
        db.PetitionCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);

    /// <summary>The calendar's days from the start of <paramref name="fromYear"/> to the end of <paramref
    /// name="toYear"/>, by date.</summary>
    public Task<List<CalendarDay>> DayRecordsAsync(int fromYear, int toYear, CancellationToken ct)
    {
        var from = new DateOnly(fromYear, 1, 1);
        var to = new DateOnly(toYear, 12, 31);
        return db
            .CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .ToListAsync(ct);
    }

    public Task<PetitionCategoryRow?> CategoryAsync(int id, CancellationToken ct) =>
        db.PetitionCategories.AsNoTracking().Where(c => c.Id == id).Select(CategoryRow).SingleOrDefaultAsync(ct);

    /// <summary>The holidays and working weekend days of a year (this year, UTC, when none is given), by
    /// date.</summary>
    public Task<List<CalendarDayRow>> CalendarAsync(int? year, CancellationToken ct)
    {
        var y = year ?? VietnamTime.Today(clock).Year;
        var from = new DateOnly(y, 1, 1);
        var to = new DateOnly(y, 12, 31);
        return db
            .CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .Select(DayRow)
            .ToListAsync(ct);
    }

    public Task<CalendarDayRow?> DayAsync(int id, CancellationToken ct) =>
        db.CalendarDays.AsNoTracking().Where(d => d.Id == id).Select(DayRow).SingleOrDefaultAsync(ct);
}
