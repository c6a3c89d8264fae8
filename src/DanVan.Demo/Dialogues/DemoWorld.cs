using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Demo;

/// <summary>What the demo dialogues and petitions are built from, loaded once.</summary>
internal sealed class DemoWorld
{
    private readonly Dictionary<int, Unit> units;
    private readonly Dictionary<int, List<Unit>> villages;
    private readonly Dictionary<int, List<DemoOrganization>> organizations;
    private readonly Dictionary<int, Officials> officials = [];
    private readonly Dictionary<int, DemoActor> officers = [];
    private readonly Dictionary<int, DemoActor> handlers = [];

    private DemoWorld(
        Unit province,
        List<Unit> all,
        List<DemoOrganization> organizations,
        List<PetitionCategory> categories,
        WorkingDays calendar,
        Dictionary<string, DemoAccount> accounts,
        DateOnly today,
        DateTime now,
        int graceDays
    )
    {
        Province = province;
        units = all.ToDictionary(u => u.Id);
        Communes = [.. all.Where(u => u.Level == UnitLevel.Commune).OrderBy(u => u.Code, StringComparer.Ordinal)];
        villages = all.Where(u => u.Level == UnitLevel.Village)
            .GroupBy(u => u.CommuneId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList());
        this.organizations = organizations
            .GroupBy(o => o.UnitId)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Id).ToList());
        Categories = categories;
        Calendar = calendar;
        Accounts = accounts;
        Today = today;
        Now = now;
        GraceDays = graceDays;
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        From = first < BacNinhDemo.MergerDate ? BacNinhDemo.MergerDate : first;
        DemoUnits =
        [
            .. new[]
            {
                (BacNinhDemo.ProvinceCode, "tinh"),
                (BacNinhDemo.WardCode, "kinhbac"),
                (BacNinhDemo.CommuneCode, "tiendu"),
            }
                .Select(x =>
                    (Unit: all.FirstOrDefault(u => u.Code == x.Item1 && u.Level <= UnitLevel.Commune), Prefix: x.Item2)
                )
                .Where(x => x.Unit is not null)
                .Select(x => (x.Unit!, x.Prefix)),
        ];
    }

    public Unit Province { get; }
    public List<Unit> Communes { get; }
    public List<PetitionCategory> Categories { get; }
    public WorkingDays Calendar { get; }
    public Dictionary<string, DemoAccount> Accounts { get; }
    public DateOnly Today { get; }
    public DateTime Now { get; }
    public int GraceDays { get; }

    /// <summary>The first day of the window: the first of the month eleven months back (not before the
    /// merger).</summary>
    public DateOnly From { get; }

    /// <summary>The units with demo accounts and the prefix of their e-mail addresses.</summary>
    public List<(Unit Unit, string Prefix)> DemoUnits { get; }

    public static async Task<DemoWorld> LoadAsync(
        DanVanDbContext db,
        Unit province,
        DateOnly today,
        DateTime now,
        int graceDays,
        CancellationToken ct
    )
    {
        var all = await db
            .Units.AsNoTracking()
            .Where(u => u.ProvinceId == province.Id && u.ValidTo == null)
            .ToListAsync(ct);
        var organizations = await db
            .Organizations.AsNoTracking()
            .Where(o => o.ProvinceId == province.Id && o.IsActive)
            .Select(o => new DemoOrganization(o.Id, o.UnitId, o.Type, o.Name))
            .ToListAsync(ct);
        var categories = await db
            .PetitionCategories.AsNoTracking()
            .Where(c => c.IsActive)
            .OrderBy(c => c.SortOrder)
            .ThenBy(c => c.Id)
            .ToListAsync(ct);
        var calendar = new WorkingDays(await db.CalendarDays.AsNoTracking().ToListAsync(ct));
        var emails = BacNinhDemo.Accounts.Select(a => a.Email).ToList();
        var accounts = await db
            .Users.AsNoTracking()
            .Where(u => emails.Contains(u.Email!))
            .Join(
                db.Assignments,
                u => u.Id,
                a => a.AccountId,
                (u, a) =>
                    new
                    {
                        u.Email,
                        u.Id,
                        u.DisplayName,
                        a.UnitId,
                        a.OrganizationId,
                    }
            )
            .ToListAsync(ct);
        var byEmail = accounts
            .GroupBy(a => a.Email!)
            .ToDictionary(
                g => g.Key,
                g => g.Select(a => new DemoAccount(a.Id, a.DisplayName, a.UnitId, a.OrganizationId)).First()
            );
        return new DemoWorld(province, all, organizations, categories, calendar, byEmail, today, now, graceDays);
    }

    public Unit Unit(int id) => units[id];

    public IReadOnlyList<Unit> VillagesOf(int communeId) => villages.TryGetValue(communeId, out var list) ? list : [];

    public IReadOnlyList<DemoOrganization> OrganizationsOf(int unitId) =>
        organizations.TryGetValue(unitId, out var list) ? list : [];

    public bool IsDemoUnit(int unitId) => DemoUnits.Any(d => d.Unit.Id == unitId);

    /// <summary>The unit the overdue sweep escalates to: the parent of the handling unit.</summary>
    public int? UnitAbove(int unitId) =>
        units.TryGetValue(unitId, out var unit) && unit.ParentId is { } parent ? parent : null;

    private DemoAccount? AccountOf(int unitId, string role) =>
        DemoUnits.FirstOrDefault(d => d.Unit.Id == unitId) is { Unit: not null } demo
        && Accounts.TryGetValue($"{demo.Prefix}.{role}@danvan.demo", out var account)
            ? account
            : null;

    /// <summary>A deterministic source of names per unit, whatever the order of the calls.</summary>
    private static Random SeedOf(string code, int salt) =>
        new(code.Aggregate(17 + salt, (h, c) => unchecked((h * 31) + c)));

    public Officials OfficialsOf(Unit unit)
    {
        if (officials.TryGetValue(unit.Id, out var known))
        {
            return known;
        }

        var random = SeedOf(unit.Code, 1);
        var people = new DemoPeople(random);
        var secretary = AccountOf(unit.Id, "lanhdao")?.Name ?? people.Name(random.NextDouble() < 0.2);
        var result = new Officials(
            secretary,
            people.Name(),
            people.Name(random.NextDouble() < 0.2),
            people.Name(),
            people.Name(),
            random.NextDouble() < 0.6
        );
        officials[unit.Id] = result;
        return result;
    }

    /// <summary>The officer who records and steers the petitions of a handling unit.</summary>
    public DemoActor Officer(int unitId)
    {
        if (!officers.TryGetValue(unitId, out var actor))
        {
            actor = AccountOf(unitId, "canbo") is { } account
                ? new DemoActor(account.Id, account.Name)
                : new DemoActor(null, new DemoPeople(SeedOf(units[unitId].Code, 2)).Name());
            officers[unitId] = actor;
        }

        return actor;
    }

    /// <summary>The handler who answers for an organization: the demo agency account if it is theirs.</summary>
    public DemoActor Handler(int organizationId)
    {
        if (!handlers.TryGetValue(organizationId, out var actor))
        {
            var account = Accounts.Values.FirstOrDefault(a => a.OrganizationId == organizationId);
            var org = organizations.Values.SelectMany(o => o).First(o => o.Id == organizationId);
            actor = account is not null
                ? new DemoActor(account.Id, account.Name)
                : new DemoActor(null, new DemoPeople(SeedOf(units[org.UnitId].Code, 3 + (int)org.Type)).Name());
            handlers[organizationId] = actor;
        }

        return actor;
    }

    /// <summary>The organization of the agency handler account of a demo unit (Sở Xây dựng, the ward's or commune's
    /// People's Committee).</summary>
    public int? HandlerOrganization(string prefix) =>
        Accounts.TryGetValue($"{prefix}.xuly@danvan.demo", out var a) ? a.OrganizationId : null;
}
