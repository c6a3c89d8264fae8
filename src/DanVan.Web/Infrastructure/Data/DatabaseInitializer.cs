using DanVan.Web.Features.Models;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>Applies migrations and makes sure the central root of the tree and the core catalogues exist.</summary>
public static class DatabaseInitializer
{
    /// <summary>Migrations after which the statistics' summary rows are recomputed from the facts: the table's creation,
    /// and each change of a figure's rule (a migration of that name carries no schema change of its own).</summary>
    private static readonly string[] StatisticRuleChanges =
    [
        "_StatisticCounts",
        "_ReceptionDaysDue",
        "_CampaignStatistics",
        "_ProgramStatistics",
        "_UnitHoldings",
        "_QuotasPerBody",
    ];

    /// <summary>Whether applying these migrations calls for the summary rows' recompute (the bench's runner asks too).</summary>
    public static bool RecomputesStatistics(IEnumerable<string> pending) =>
        pending.Any(m => StatisticRuleChanges.Any(c => m.EndsWith(c, StringComparison.Ordinal)));

    public const string RootCode = "VN";

    public static async Task<IReadOnlyList<string>> MigrateAsync(
        IServiceProvider services,
        CancellationToken ct = default
    )
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (pending.Any(m => m.EndsWith("_LeastPrivilege", StringComparison.Ordinal)))
        {
            await PetitionNotices.ScrubCodesAsync(db, ct);
        }

        if (pending.Any(m => m.EndsWith("_ProgramStatistics", StringComparison.Ordinal)))
        {
            await Features.Programs.ProgramStamps.BackfillAsync(
                db,
                scope.ServiceProvider.GetRequiredService<Features.Programs.ProgramAlertSettings>(),
                ct
            );
        }

        if (pending.Any(m => m.EndsWith("_UnitHoldings", StringComparison.Ordinal)))
        {
            // The holdings (the coverage figures' facts) start from the assignments already recorded.
            await Features.Personnel.HeldUnits.CheckAsync(db, null, repair: true, ct);
        }

        if (RecomputesStatistics(pending))
        {
            // The summary rows start from the facts already recorded, and follow a rule that changed (ADR-0025).
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await new StatisticCheck(db).RepairAsync(null, ct);
            await transaction.CommitAsync(ct);
        }

        await EnsureRootAsync(db, ct);
        await Catalogue.EnsureAsync(db, ct);
        await PetitionRules.EnsureAsync(
            db,
            VietnamTime.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>()),
            ct
        );
        return pending;
    }

    public static async Task<Unit> EnsureRootAsync(DanVanDbContext db, CancellationToken ct = default)
    {
        var root = await db.Units.SingleOrDefaultAsync(u => u.Level == UnitLevel.Central, ct);
        if (root is not null)
        {
            return root;
        }

        root = new Unit
        {
            Code = RootCode,
            Name = "Trung ương",
            NameEn = "Central",
            Kind = UnitKind.Central,
            Level = UnitLevel.Central,
            ValidFrom = new DateOnly(1945, 9, 2),
        };
        root.SearchText = TextSearch.Normalize($"{root.Name} {root.NameEn} {root.Code} viet nam");
        db.Units.Add(root);
        await db.SaveChangesAsync(ct);
        return root;
    }
}
