using System.Data.Common;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>One hot read of P2: the app's EF Core query (built per call as the app builds it, on the DbContext of a
/// request scope of the signed-in account) and the same SQL through ADO.NET, each returning the rows it read.</summary>
internal sealed record HotQuery(string Name, string What, Func<Task<int>> Ef, Func<Task<int>> Ado, string Sql);

/// <summary>The hot reads and the request scope their EF Core side runs in (disposed with the set).</summary>
internal sealed class HotQuerySet(IReadOnlyList<HotQuery> queries, AsyncServiceScope scope, BenchUser user)
    : IAsyncDisposable
{
    public IReadOnlyList<HotQuery> Queries { get; } = queries;

    /// <summary>What each request pays before its first statement: a request scope and its DbContext, ready to
    /// query (the model and the context's services resolved), then disposed.</summary>
    public async Task<int> NewRequestContextAsync()
    {
        await using var request = user.Scope();
        var db = request.ServiceProvider.GetRequiredService<DanVanDbContext>();
        return db.Model is null ? 0 : 1;
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>
/// The five hot reads of P2 as the app builds them, with the province officer of the first province: the petition
/// list's first page (<see cref="ListPetitions"/>: its own filter, its order and projection), the petition dashboard's
/// agencies' workload (<see cref="PetitionWorkload.Query"/>), the model list's search
/// (<see cref="Web.Features.Models.ListModels"/>), a campaign's summary read (<see cref="ReadProgress"/>: the totals of
/// the node and its children) and a petition by id (<see cref="GetPetition"/>'s first statement). Where the app's
/// LINQ is not reusable it is copied as it stands (HotQueries.Reads.cs); each baseline is the statement's own SQL and
/// parameters (<see cref="AdoStatement"/>), its rows read into the same shape, its columns checked first.
/// </summary>
internal static partial class HotQueries
{
    /// <summary>The model search of the benchmark: two words of the generated names.</summary>
    public const string ModelSearch = "hiến đất";

    public static async Task<HotQuerySet> CreateAsync(BenchContext context, CancellationToken ct)
    {
        var (_, province, _) = await context.LevelsAsync(ct);
        var officer = await BenchUser.SignInAsync(context, "officer", province, ct);
        var cs = context.Options.ConnectionString;
        int owner,
            indicatorId,
            petitionId;
        UnitRef provinceRef;
        await using (var scope = officer.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == province, ct);
            provinceRef = new UnitRef(unit.Id, unit.Level, unit.ProvinceId, unit.CommuneId, unit.VillageId);
            var campaign = await db
                .Campaigns.AsNoTracking()
                .Where(c => c.UnitId == province)
                .OrderBy(c => c.Id)
                .FirstAsync(ct);
            owner = CampaignTree.OwnerNodeId(campaign.Ref, campaign.UnitLevel);
            indicatorId = await db
                .Indicators.Where(i => i.CampaignId == campaign.Id)
                .OrderBy(i => i.SortOrder)
                .ThenBy(i => i.Id)
                .Select(i => i.Id)
                .FirstAsync(ct);
            // An assigned petition in the middle of the province's, so every name of its statement is filled.
            var ids = db
                .Petitions.Where(p => p.ProvinceId == province && p.AssignedOrganizationId != null)
                .OrderBy(p => p.Id)
                .Select(p => p.Id);
            petitionId = await ids.Skip(await ids.CountAsync(ct) / 2).FirstAsync(ct);
        }

        var queries = new List<HotQuery>();
        // One request scope for the EF Core side, as a request runs its statements on one DbContext (which opens and
        // closes its connection around each, as the baseline opens a fresh one); what a new request's DbContext costs
        // is measured apart (HotQuerySet.NewRequestContextAsync).
        var request = officer.Scope();

        async Task AddAsync<T>(
            string name,
            string what,
            Func<IServiceProvider, Task<IQueryable<T>>> build,
            Func<IQueryable<T>, Task<int>> run,
            Func<DbDataReader, T> read,
            Action<string[], DanVanDbContext> check
        )
        {
            AdoStatement statement;
            await using (var scope = officer.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
                statement = AdoStatement.Of(await build(scope.ServiceProvider), cs);
                check(await statement.ColumnsAsync(), db);
            }

            queries.Add(
                new HotQuery(
                    name,
                    what,
                    async () => await run(await build(request.ServiceProvider)),
                    async () => (await statement.ListAsync(read)).Count,
                    statement.Sql
                )
            );
        }

        await AddAsync(
            "PetitionList",
            "petition list, first page (50 rows, province subtree, newest first)",
            sp => PetitionListAsync(sp, ct),
            async q => (await q.ToListAsync(ct)).Count,
            ReadPetitionItem,
            (names, _) => Expect(names, 17, ("Id", 0), ("TrackingCode", 1), ("Title", 2), ("HandlingUnitId", 13))
        );
        await AddAsync(
            "PetitionAgencies",
            "petition dashboard's agencies, open and overdue today (province subtree)",
            sp => Task.FromResult(PetitionAgencies(sp, provinceRef)),
            async q => (await q.ToListAsync(ct)).Count,
            ReadAgency,
            (names, _) => Expect(names, 4)
        );
        await AddAsync(
            "ModelSearch",
            $"model list search \"{ModelSearch}\" (province subtree, first page)",
            sp => ModelSearchAsync(sp, ct),
            async q => (await q.ToListAsync(ct)).Count,
            ReadModelRow,
            (names, _) => Expect(names, 10, ("Id", 0), ("Name", 1))
        );
        await AddAsync(
            "CampaignSummary",
            "campaign summary read (a province campaign's totals, its node and children)",
            sp => Task.FromResult(CampaignTotals(sp, indicatorId, owner)),
            async q => (await q.ToListAsync(ct)).Count,
            r => new ReadProgress.NamedTotal(
                r.GetInt32(0),
                (UnitLevel)r.GetInt32(1),
                r.IsDBNull(2) ? null : r.GetInt32(2),
                (decimal)r.GetInt64(3) / Thousandths.Scale,
                (decimal)r.GetInt64(4) / Thousandths.Scale,
                r.IsDBNull(5) ? null : (decimal)r.GetInt64(5) / Thousandths.Scale,
                (decimal)r.GetInt64(6) / Thousandths.Scale,
                r.GetInt32(7),
                r.GetString(8)
            ),
            (names, _) =>
                Expect(
                    names,
                    9,
                    ("UnitId", 0),
                    ("UnitLevel", 1),
                    ("ParentUnitId", 2),
                    ("Actual", 3),
                    ("Target", 4),
                    ("ExplicitTarget", 5),
                    ("ChildTarget", 6),
                    ("FigureCount", 7),
                    ("Name", 8)
                )
        );
        EntityReader<Petition>? petition = null;
        EntityReader<PetitionCategory>? category = null;
        var categoryFirst = false;
        await AddAsync(
            "GetPetition",
            "petition by id (GetPetition's statement)",
            sp => Task.FromResult(PetitionById(sp, petitionId)),
            async q => await q.SingleOrDefaultAsync(ct) is null ? 0 : 1,
            r => ReadPetitionRow(r, petition!, category!, categoryFirst),
            (names, db) =>
            {
                petition = new EntityReader<Petition>(db);
                category = new EntityReader<PetitionCategory>(db);
                petition.Check(names, 0);
                Expect(names, petition.Width + 5 + category.Width);
                // The category's columns come after the two unit names or after all five names, as the provider
                // lays out the join.
                categoryFirst = category.Fits(names, petition.Width + 2);
                category.Check(names, petition.Width + (categoryFirst ? 2 : 5));
            }
        );
        return new HotQuerySet(queries, request, officer);
    }

    private static void Expect(string[] names, int count, params (string Name, int At)[] columns)
    {
        if (names.Length != count || columns.Any(c => names[c.At] != c.Name))
        {
            throw new BenchException(
                $"The statement's columns are not those the baseline reads ({count}): {string.Join(", ", names)}"
            );
        }
    }
}
