using System.Globalization;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Demo;

/// <summary>
/// Loads the Bắc Ninh demonstration data (<see cref="BacNinhDemo"/>). Idempotent: whatever already exists
/// (by official code, by e-mail) is left alone, so a second start adds nothing.
/// </summary>
public static class DemoSeeder
{
    public static async Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var root = await DatabaseInitializer.EnsureRootAsync(db, ct);
        db.Actor = CurrentUser.System(root.Id);

        var added = 0;
        var province = await db.Units.SingleOrDefaultAsync(
            u => u.Code == BacNinhDemo.ProvinceCode && u.ValidTo == null,
            ct
        );
        if (province is null)
        {
            province = NewUnit(
                BacNinhDemo.ProvinceCode,
                BacNinhDemo.ProvinceName,
                "Bac Ninh",
                UnitKind.Province,
                root,
                BacNinhDemo.MergerDate
            );
            await UnitRules.InsertAsync(db, [province], ct);
            added++;
        }

        foreach (var (code, name, nameEn) in BacNinhDemo.FormerProvinces)
        {
            if (!await db.Units.AnyAsync(u => u.Code == code && u.SuccessorId == province.Id, ct))
            {
                var former = NewUnit(code, name, nameEn, UnitKind.Province, root, new DateOnly(1997, 1, 1));
                former.ValidTo = BacNinhDemo.MergerDate.AddDays(-1);
                former.SuccessorId = province.Id;
                former.ProvinceId = province.Id;
                db.Units.Add(former);
                await db.SaveChangesAsync(ct);
                added++;
            }
        }

        var existing = await db
            .Units.Where(u => u.ParentId == province.Id && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, ct);
        var newCommunes = BacNinhDemo
            .Communes.Where(c => !existing.ContainsKey(c.Code))
            .Select(c => NewUnit(c.Code, c.Name, c.NameEn, c.Kind, province, BacNinhDemo.MergerDate))
            .ToList();
        if (newCommunes.Count > 0)
        {
            await UnitRules.InsertAsync(db, newCommunes, ct);
            added += newCommunes.Count;
            foreach (var commune in newCommunes)
            {
                existing[commune.Code] = commune;
            }
        }

        var villages = new List<Unit>();
        foreach (var (code, count) in BacNinhDemo.CommunesWithVillages)
        {
            var commune = existing[code];
            var have = await db.Units.Where(u => u.ParentId == commune.Id).Select(u => u.Code).ToListAsync(ct);
            for (var i = 1; i <= count; i++)
            {
                var villageCode = string.Create(CultureInfo.InvariantCulture, $"{code}-{i:00}");
                if (have.Contains(villageCode))
                {
                    continue;
                }

                var ward = commune.Kind == UnitKind.Ward;
                var name = ward
                    ? $"Tổ dân phố số {i}"
                    : $"Thôn {BacNinhDemo.VillageNames[(i - 1) % BacNinhDemo.VillageNames.Length]}";
                var village = NewUnit(
                    villageCode,
                    name,
                    null,
                    ward ? UnitKind.ResidentialGroup : UnitKind.Village,
                    commune,
                    BacNinhDemo.MergerDate
                );
                village.IsSynthetic = true;
                villages.Add(village);
            }
        }

        if (villages.Count > 0)
        {
            await UnitRules.InsertAsync(db, villages, ct);
            added += villages.Count;
        }

        var organizations = await SeedOrganizationsAsync(db, province, ct);
        var accounts = await SeedAccountsAsync(db, users, root, province, existing, ct);
        await Catalogue.EnsureAsync(db, ct);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var models = await DemoModels.SeedAsync(db, province, VietnamTime.Today(clock), ct);
        var (sessions, petitions) = await DemoDialogues.SeedAsync(
            db,
            scope.ServiceProvider.GetRequiredService<Notifier>(),
            province,
            clock,
            scope.ServiceProvider.GetRequiredService<PetitionDeadlines>().GraceDays,
            ct
        );
        var (campaigns, figures) = await DemoCampaigns.SeedAsync(
            db,
            scope.ServiceProvider.GetRequiredService<CampaignRollup>(),
            province,
            clock,
            ct
        );
        var rounds = await DemoReports.SeedAsync(
            db,
            scope.ServiceProvider.GetRequiredService<DanVan.Web.Features.Statistics.ReadStatistics>(),
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<DanVan.Web.Resources.SharedResource>>(),
            province,
            VietnamTime.Today(clock),
            ct
        );
        var programs = await DemoPrograms.SeedAsync(
            db,
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<DanVan.Web.Resources.SharedResource>>(),
            province,
            VietnamTime.Today(clock),
            ct
        );

        var conferences = await DemoConferences.SeedAsync(
            db,
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<DanVan.Web.Resources.SharedResource>>(),
            province,
            VietnamTime.Today(clock),
            ct
        );

        var cadres = await DemoCadres.SeedAsync(db, province, VietnamTime.Today(clock), ct);
        var privacy = await Privacy.DemoPrivacy.SeedAsync(db, province, VietnamTime.Today(clock), ct);

        await output.WriteLineAsync(
            added
                + organizations
                + accounts
                + models
                + sessions
                + petitions
                + campaigns
                + rounds
                + programs
                + conferences
                + cadres
                + privacy
            == 0
                ? "Demo data: already loaded, nothing added."
                : $"Demo data: {added} units, {organizations} organizations, {accounts} accounts, {models} models, {sessions} dialogue sessions, {petitions} petitions "
                    + $"{campaigns} campaigns with {figures} figures, {rounds} reporting rounds, {programs} work programs, {conferences} thematic conferences, {cadres} cadres and {privacy} data subjects' requests added."
        );
        await output.WriteLineAsync($"Demo accounts (password for all: {BacNinhDemo.Password}):");
        foreach (var account in BacNinhDemo.Accounts)
        {
            var twoFactor = RolePermissions.RequiresTwoFactor(account.Role)
                ? "  (sets up an authenticator app at first sign-in)"
                : "";
            await output.WriteLineAsync(
                $"  {account.Email, -30} {account.Role, -20} {UnitName(account.UnitCode, root, province, existing)}{twoFactor}"
            );
        }

        await output.WriteLineAsync(
            $"Campaigns: giabinh.canbo@danvan.demo enters {UnitName(BacNinhDemo.RingRoadCommuneCode, root, province, existing)}'s daily figures "
                + "for Ring Road 4 and its villages' figures for the land donations; the province accounts manage both."
        );
    }

    private static string UnitName(string code, Unit root, Unit province, Dictionary<string, Unit> communes) =>
        code == root.Code ? root.Name
        : code == province.Code ? province.Name
        : communes[code].Name;

    private static Unit NewUnit(
        string code,
        string name,
        string? nameEn,
        UnitKind kind,
        Unit parent,
        DateOnly validFrom
    )
    {
        var unit = new Unit
        {
            Code = code,
            Name = name,
            NameEn = nameEn,
            Kind = kind,
            ValidFrom = validFrom,
        };
        unit.SearchText = TextSearch.Normalize($"{name} {nameEn} {code}");
        UnitRules.PlaceUnder(unit, parent);
        return unit;
    }

    private static async Task<int> SeedOrganizationsAsync(DanVanDbContext db, Unit province, CancellationToken ct)
    {
        var units = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.ProvinceId == province.Id && u.ValidTo == null && !db.Organizations.Any(o => o.UnitId == u.Id)
            )
            .ToListAsync(ct);
        var organizations = new List<Organization>();
        foreach (var unit in units)
        {
            Organization Make(OrganizationType type, string name, string? shortName) =>
                new()
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    Type = type,
                    Name = name,
                    ShortName = shortName,
                };

            switch (unit.Level)
            {
                case UnitLevel.Province:
                    organizations.AddRange(
                        BacNinhDemo.ProvinceOrganizations.Select(o => Make(o.Type, o.Name, o.Short))
                    );
                    break;
                case UnitLevel.Commune:
                    var title = (unit.Kind == UnitKind.Ward ? "phường " : "xã ") + unit.Name;
                    organizations.AddRange(
                        BacNinhDemo
                            .CommuneOrganizations.Where(o => !o.CommuneOnly || unit.Kind != UnitKind.Ward)
                            .Select(o =>
                                Make(o.Type, string.Format(CultureInfo.InvariantCulture, o.Pattern, title), null)
                            )
                    );
                    break;
                case UnitLevel.Village:
                    var place = unit.Name.StartsWith("Thôn ", StringComparison.Ordinal)
                        ? unit.Name.ToLower(CultureInfo.GetCultureInfo("vi-VN"))
                        : unit.Name;
                    organizations.Add(Make(OrganizationType.PartyCell, $"Chi bộ {place}", null));
                    organizations.Add(Make(OrganizationType.FatherlandFront, $"Ban công tác Mặt trận {place}", null));
                    break;
            }
        }

        db.Organizations.AddRange(organizations);
        await db.SaveChangesAsync(ct);
        return organizations.Count;
    }

    private static async Task<int> SeedAccountsAsync(
        DanVanDbContext db,
        UserManager<Account> users,
        Unit root,
        Unit province,
        Dictionary<string, Unit> communes,
        CancellationToken ct
    )
    {
        var added = 0;
        foreach (var seed in BacNinhDemo.Accounts)
        {
            if (await users.FindByEmailAsync(seed.Email) is not null)
            {
                continue;
            }

            var unit =
                seed.UnitCode == root.Code ? root
                : seed.UnitCode == province.Code ? province
                : communes[seed.UnitCode];
            int? organizationId = seed.Organization is { } type
                ? await db
                    .Organizations.Where(o => o.UnitId == unit.Id && o.Type == type)
                    .OrderBy(o => o.Id)
                    .Select(o => (int?)o.Id)
                    .FirstAsync(ct)
                : null;
            var account = new Account
            {
                UserName = seed.Email,
                Email = seed.Email,
                EmailConfirmed = true,
                DisplayName = seed.DisplayName,
                HomeUnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                CreatedAt = db.UtcNow,
                ActiveUnitId = unit.Id,
                Assignments =
                [
                    new Assignment
                    {
                        UnitId = unit.Id,
                        ProvinceId = unit.ProvinceId,
                        CommuneId = unit.CommuneId,
                        VillageId = unit.VillageId,
                        Role = seed.Role,
                        OrganizationId = organizationId,
                        CreatedAt = db.UtcNow,
                    },
                ],
            };
            var result = await users.CreateAsync(account, BacNinhDemo.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {seed.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}"
                );
            }

            added++;
        }

        return added;
    }
}
