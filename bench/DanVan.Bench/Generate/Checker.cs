using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Generate;

/// <summary>
/// The <c>check</c> command: the generated database against the app's own consistency checks — every
/// campaign's summary rows equal the roll-up's recompute (<c>check-campaigns</c>), the petition dashboard's
/// figures equal direct counts (country, a province, a commune), every statistic's summary rows equal the app's
/// recompute from the facts (<c>check-statistics</c>, the staffing figures included), every foreign key resolves (the
/// load ran with them off), and each table holds the rows the scale promises.
/// </summary>
internal static class Checker
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken ct)
    {
        await options.EnsureServerAsync(ct);
        var info = await RequireAsync(options, ct);
        var builder = Program.CreateBuilder(options.HostArgs());
        await using var app = builder.Build();
        var failures = 0;

        await output.WriteLineAsync("check-campaigns (the app's operator command):");
        if (await OperatorCommands.RunAsync(app.Services, "check-campaigns", [], output) != 0)
        {
            failures++;
        }

        await output.WriteLineAsync("check-statistics (the app's operator command):");
        if (await OperatorCommands.RunAsync(app.Services, "check-statistics", [], output) != 0)
        {
            failures++;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var today = Web.Infrastructure.Localization.VietnamTime.Today(clock);
        var scopes = new List<UnitRef>
        {
            await db
                .Units.Where(u => u.Level == UnitLevel.Central)
                .Select(u => new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .SingleAsync(ct),
            await db
                .Units.Where(u => u.Level == UnitLevel.Province)
                .OrderBy(u => u.Id)
                .Select(u => new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .FirstAsync(ct),
            await db
                .Units.Where(u => u.Level == UnitLevel.Commune)
                .OrderBy(u => u.Id)
                .Select(u => new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId))
                .FirstAsync(ct),
        };
        foreach (var unit in scopes)
        {
            // The petition dashboard's agencies (the figures by period are the catalogue's, checked above).
            var agencies = await PetitionWorkload.Query(db, unit, today).ToListAsync(ct);
            var rows = db
                .Petitions.AsNoTracking()
                .Where(
                    UnitScope.Within<Petition>(
                        [(unit.Level, unit.Id)],
                        p => p.ProvinceId,
                        p => p.CommuneId,
                        p => p.VillageId
                    )
                );
            var open = await rows.Where(p => p.AssignedOrganizationId != null)
                .CountAsync(PetitionStatistics.IsOpen, ct);
            var overdue = await rows.CountAsync(PetitionStatistics.IsOverdueOn(today), ct);
            var same = open == agencies.Sum(a => a.Open) && overdue == agencies.Sum(a => a.Overdue);
            failures += same ? 0 : 1;
            await output.WriteLineAsync(
                $"Agencies' petitions of unit {unit.Id} ({unit.Level}): {(same ? "equal" : "DIFFER from")} direct counts — open {agencies.Sum(a => a.Open)} and overdue {agencies.Sum(a => a.Overdue)}, counted {open} and {overdue}."
            );
        }

        failures += await ForeignKeysAsync(db, output, ct);
        failures += await CountsAsync(db, info, output, ct);
        await output.WriteLineAsync(
            failures == 0 ? "check: the data set is consistent." : $"check: {failures} problem(s)."
        );
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The dataset marker of a complete generation, else a refusal saying what to do.</summary>
    public static async Task<DatasetInfo> RequireAsync(BenchOptions options, CancellationToken ct)
    {
        var (info, _) = await Dataset.ReadAsync(options, ct);
        if (info is null)
        {
            throw new BenchException(
                $"No generated data set in the {options.ProviderName} database at scale {options.ScaleText}: run `generate` first."
            );
        }

        if (!info.Complete)
        {
            throw new BenchException(
                "The data set is incomplete (its generation was interrupted): run `generate` again."
            );
        }

        if (info.ScaleText != options.ScaleText)
        {
            throw new BenchException(
                $"The database holds the data set at scale {info.ScaleText}, not {options.ScaleText}: refused (generate it at {options.ScaleText}, or pass --scale {info.ScaleText})."
            );
        }

        return info;
    }

    /// <summary>Every foreign key of the bulk tables resolves (one anti-join per key, from the EF model).</summary>
    private static async Task<int> ForeignKeysAsync(DanVanDbContext db, TextWriter output, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        var broken = 0;
        var checkedKeys = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null || !Dataset.BulkTables.Contains(table))
            {
                continue;
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                var principal = fk.PrincipalEntityType.GetTableName();
                if (principal is null || fk.Properties.Count != 1)
                {
                    continue;
                }

                var column = fk.Properties[0].GetColumnName();
                var key = fk.PrincipalKey.Properties[0].GetColumnName();
                var orphans = await Dataset.ScalarAsync(
                    conn,
                    $"""SELECT COUNT(*) FROM "{table}" c WHERE c."{column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "{principal}" p WHERE p."{key}" = c."{column}")""",
                    ct
                );
                checkedKeys++;
                if (orphans > 0)
                {
                    broken++;
                    await output.WriteLineAsync(
                        $"Foreign key {table}.{column} → {principal}: {orphans:N0} row(s) refer to nothing."
                    );
                }
            }
        }

        await output.WriteLineAsync($"Foreign keys: {checkedKeys} checked, {broken} broken.");
        return broken;
    }

    /// <summary>The rows a scale promises: per commune 30 villages, 60 models, 150 dialogues, 1,505 petitions,
    /// 3,000 campaign figures and 8 cadres (20 per province), and a staffing quota per unit and year of the plan.</summary>
    private static async Task<int> CountsAsync(
        DanVanDbContext db,
        DatasetInfo info,
        TextWriter output,
        CancellationToken ct
    )
    {
        var communes = await db.Units.CountAsync(u => u.Level == UnitLevel.Commune, ct);
        var provinces = await db.Units.CountAsync(u => u.Level == UnitLevel.Province, ct);
        var expected = new (string Name, long Expected, long Actual)[]
        {
            (
                "villages",
                (long)communes * NationalData.VillagesPerCommune,
                await db.Units.LongCountAsync(u => u.Level == UnitLevel.Village, ct)
            ),
            ("models", (long)communes * NationalData.ModelsPerCommune, await db.Models.LongCountAsync(ct)),
            (
                "dialogue sessions",
                (long)communes * NationalData.DialoguesPerCommune,
                await db.Dialogues.LongCountAsync(ct)
            ),
            ("petitions", (long)communes * NationalData.PetitionsPerCommune, await db.Petitions.LongCountAsync(ct)),
            (
                "campaign figures",
                (long)communes * NationalData.VillagesPerCommune * 2 * 2 * NationalData.PeriodsPerCampaign,
                await db.CampaignFigures.LongCountAsync(ct)
            ),
            (
                "cadres",
                (long)communes * NationalData.CadresPerCommune + (long)provinces * NationalData.CadresPerProvince,
                await db.Cadres.LongCountAsync(ct)
            ),
            (
                "staffing quotas",
                (long)(communes + provinces) * NationalData.QuotaYears,
                await db.StaffingQuotas.LongCountAsync(ct)
            ),
        };
        var wrong = 0;
        await output.WriteLineAsync($"Scale {info.ScaleText}: {communes:N0} communes.");
        foreach (var (name, want, have) in expected)
        {
            wrong += want == have ? 0 : 1;
            await output.WriteLineAsync(
                $"  {name, -18} {have, 12:N0}{(want == have ? "" : $"  (expected {want:N0})")}"
            );
        }

        return wrong;
    }
}
