using System.Security.Cryptography;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// Working days: Monday to Friday, minus the configured public holidays, plus the weekend days worked in
/// exchange. Pure arithmetic over a set of exceptions, so it is unit-tested without a database.
/// </summary>
public sealed class WorkingDays(IEnumerable<CalendarDay> exceptions)
{
    private readonly Dictionary<DateOnly, bool> exceptions = exceptions.ToDictionary(d => d.Date, d => d.IsWorkingDay);

    public bool IsWorkingDay(DateOnly day) =>
        exceptions.TryGetValue(day, out var working)
            ? working
            : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The day <paramref name="days"/> working days after <paramref name="from"/> (the start day itself not
    /// counted).</summary>
    public DateOnly Add(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                days--;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when not
    /// after).</summary>
    public int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>Loads the calendar's exceptions for the span a deadline can reach (one statement).</summary>
internal sealed class WorkingCalendar(DanVanDbContext db)
{
    /// <summary>Enough for any deadline rule plus extensions: a year either side.</summary>
    public async Task<WorkingDays> AroundAsync(DateOnly day, CancellationToken ct)
    {
        var from = day.AddDays(-370);
        var to = day.AddDays(370);
        return new WorkingDays(
            await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).ToListAsync(ct)
        );
    }
}

/// <summary>Rules and defaults of petitions that several handlers share.</summary>
public static class PetitionRules
{
    /// <summary>Agencies report resolution within 20 days of a dialogue (DOMAIN.md §3, practice guidance).</summary>
    public const int DefaultResponseDays = 20;

    /// <summary>Working days past the deadline before an overdue petition goes to the unit above.</summary>
    public const int DefaultEscalationGraceDays = 5;

    public const int TextLength = 4000;

    // Crockford's base32 without I, L, O, U: no look-alikes when read over the phone.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Ten random characters (50 bits) as XXXXX-XXXXX: guessing one is hopeless, and guesses are
    /// rate-limited.</summary>
    public static string NewTrackingCode()
    {
        Span<char> chars = stackalloc char[11];
        for (var i = 0; i < 11; i++)
        {
            chars[i] = i == 5 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>What a citizen typed, in the stored form: upper case, look-alikes mapped, dash restored; null if it
    /// cannot be a code.</summary>
    public static string? NormalizeCode(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var chars = typed
            .Trim()
            .ToUpperInvariant()
            .Where(c => c is not ('-' or ' '))
            .Select(c =>
                c switch
                {
                    'O' => '0',
                    'I' or 'L' => '1',
                    _ => c,
                }
            )
            .ToArray();
        return chars.Length == 10 && chars.All(c => Alphabet.Contains(c))
            ? $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}"
            : null;
    }

    public static readonly (string Code, string Vi, string En, string De)[] CoreCategories =
    [
        ("land", "Đất đai", "Land", "Boden und Land"),
        (
            "site-clearance",
            "Giải phóng mặt bằng, bồi thường",
            "Site clearance and compensation",
            "Flächenfreimachung und Entschädigung"
        ),
        ("infrastructure", "Hạ tầng, giao thông", "Infrastructure", "Infrastruktur"),
        ("environment", "Môi trường", "Environment", "Umwelt"),
        ("social-policy", "Chính sách xã hội", "Social policy", "Sozialpolitik"),
        ("administrative-procedures", "Thủ tục hành chính", "Administrative procedures", "Verwaltungsverfahren"),
        ("security-order", "An ninh, trật tự", "Security and order", "Sicherheit und Ordnung"),
        ("other", "Khác", "Other", "Sonstiges"),
    ];

    /// <summary>Vietnam's fixed-date public holidays (Labour Code 2019, Art. 112); lunar ones are configured per
    /// year.</summary>
    public static readonly (int Month, int Day, string Name)[] FixedHolidays =
    [
        (1, 1, "Tết Dương lịch"),
        (4, 30, "Ngày Giải phóng miền Nam"),
        (5, 1, "Ngày Quốc tế Lao động"),
        (9, 1, "Quốc khánh"),
        (9, 2, "Quốc khánh"),
    ];

    /// <summary>Adds the core categories and the fixed-date holidays of this year and the next that a database
    /// lacks.</summary>
    public static async Task EnsureAsync(DanVanDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var codes = await db.PetitionCategories.Select(c => c.Code).ToListAsync(ct);
        var order = 0;
        foreach (var (code, vi, en, de) in CoreCategories)
        {
            order += 10;
            if (!codes.Contains(code))
            {
                db.PetitionCategories.Add(
                    new PetitionCategory
                    {
                        Code = code,
                        Name = vi,
                        NameEn = en,
                        NameDe = de,
                        SortOrder = order,
                    }
                );
            }
        }

        var from = new DateOnly(today.Year, 1, 1);
        var to = new DateOnly(today.Year + 1, 12, 31);
        var known = await db
            .CalendarDays.Where(d => d.Date >= from && d.Date <= to)
            .Select(d => d.Date)
            .ToListAsync(ct);
        foreach (var year in new[] { today.Year, today.Year + 1 })
        {
            foreach (var (month, day, name) in FixedHolidays)
            {
                var date = new DateOnly(year, month, day);
                if (!known.Contains(date))
                {
                    db.CalendarDays.Add(
                        new CalendarDay
                        {
                            Date = date,
                            Name = name,
                            IsWorkingDay = false,
                        }
                    );
                }
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
