using System.Data.Common;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>The hot reads themselves: each as the app builds it and a reader of its SQL's rows into the same
/// shape.</summary>
internal static partial class HotQueries
{
    // ---------------------------------------------------------------- the petition list (ListPetitions.HandleAsync)

    internal sealed record PetitionItem(
        PetitionListRow Row,
        int HandlingUnitId,
        int? ProvinceId,
        int? CommuneId,
        int? VillageId
    );

    private static async Task<IQueryable<PetitionItem>> PetitionListAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<DanVanDbContext>();
        var query = new PetitionQuery();
        var rows = await sp.GetRequiredService<ListPetitions>().FilterAsync(query, ct);
        var limit = Math.Clamp(query.Limit, 1, 500);
        return rows.OrderByDescending(p => p.Id)
            .Take(limit + 1)
            .Select(p => new PetitionItem(
                new PetitionListRow(
                    p.Id,
                    p.TrackingCode,
                    p.Title,
                    p.Status,
                    p.CategoryId,
                    p.UnitId,
                    db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                    p.ReceivedOn,
                    p.DueOn,
                    p.AssignedOrganizationId,
                    db.Organizations.Where(o => o.Id == p.AssignedOrganizationId).Select(o => o.Name).SingleOrDefault(),
                    p.EscalatedToUnitId != null,
                    p.ParentPetitionId != null
                ),
                p.HandlingUnitId,
                p.ProvinceId,
                p.CommuneId,
                p.VillageId
            ));
    }

    private static PetitionItem ReadPetitionItem(DbDataReader r) =>
        new(
            new PetitionListRow(
                r.GetInt32(0),
                r.GetString(1),
                r.GetString(2),
                (PetitionStatus)r.GetInt32(3),
                r.GetInt32(4),
                r.GetInt32(5),
                r.GetString(6),
                r.GetFieldValue<DateOnly>(7),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
                r.IsDBNull(9) ? null : r.GetInt32(9),
                r.IsDBNull(10) ? null : r.GetString(10),
                r.GetBoolean(11),
                r.GetBoolean(12)
            ),
            r.GetInt32(13),
            r.IsDBNull(14) ? null : r.GetInt32(14),
            r.IsDBNull(15) ? null : r.GetInt32(15),
            r.IsDBNull(16) ? null : r.GetInt32(16)
        );

    // ---------------------------------------------------------------- the petition dashboard's agencies (PetitionWorkload)

    private static IQueryable<AgencyWorkload> PetitionAgencies(IServiceProvider sp, UnitRef unit)
    {
        var db = sp.GetRequiredService<DanVanDbContext>();
        var today = VietnamTime.Today(sp.GetRequiredService<TimeProvider>());
        return PetitionWorkload.Query(db, unit, today);
    }

    private static AgencyWorkload ReadAgency(DbDataReader r) =>
        new(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3));

    // ---------------------------------------------------------------- the model search (ListModels.HandleAsync)

    private static async Task<IQueryable<ModelListRow>> ModelSearchAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<DanVanDbContext>();
        var query = new ModelQuery(Q: ModelSearch);
        var rows = await sp.GetRequiredService<ListModels>().FilterAsync(query, ct);
        var limit = Math.Clamp(query.Limit, 1, 500);
        return rows.OrderByDescending(m => m.Id)
            .Take(limit + 1)
            .Join(
                db.Units,
                m => m.UnitId,
                u => u.Id,
                (m, u) =>
                    new ModelListRow(
                        m.Id,
                        m.Name,
                        m.Kind,
                        m.Status,
                        m.FieldId,
                        m.UnitId,
                        u.Name,
                        m.RecognitionLevel,
                        m.RegisteredOn,
                        m.RecognizedOn
                    )
            );
    }

    private static ModelListRow ReadModelRow(DbDataReader r) =>
        new(
            r.GetInt32(0),
            r.GetString(1),
            (ModelKind)r.GetInt32(2),
            (ModelStatus)r.GetInt32(3),
            r.GetInt32(4),
            r.GetInt32(5),
            r.GetString(6),
            r.IsDBNull(7) ? null : (RecognitionLevel)r.GetInt32(7),
            r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9)
        );

    // ---------------------------------------------------------------- the campaign summary (ReadProgress.HandleAsync)

    /// <summary>The campaign's own node (no unit asked for): the node is the owner; the app's own query.</summary>
    private static IQueryable<ReadProgress.NamedTotal> CampaignTotals(IServiceProvider sp, int indicator, int owner) =>
        ReadProgress.Totals(sp.GetRequiredService<DanVanDbContext>(), indicator, owner, owner);

    // ---------------------------------------------------------------- a petition by id (GetPetition.HandleAsync)

    internal sealed record PetitionRow(
        Petition Petition,
        string Unit,
        string Handling,
        PetitionCategory Category,
        string? Organization,
        string? Escalated,
        string? Dialogue
    );

    private static IQueryable<PetitionRow> PetitionById(IServiceProvider sp, int id)
    {
        var db = sp.GetRequiredService<DanVanDbContext>();
        var user = sp.GetRequiredService<ICurrentUser>();
        return db
            .Petitions.AsNoTracking()
            .Where(p => p.Id == id)
            .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionRegister))
            .Select(p => new PetitionRow(
                p,
                db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                db.Units.Where(u => u.Id == p.HandlingUnitId).Select(u => u.Name).Single(),
                db.PetitionCategories.Single(c => c.Id == p.CategoryId),
                db.Organizations.Where(o => o.Id == p.AssignedOrganizationId).Select(o => o.Name).SingleOrDefault(),
                db.Units.Where(u => u.Id == p.EscalatedToUnitId).Select(u => u.Name).SingleOrDefault(),
                db.Dialogues.Where(d => d.Id == p.DialogueId).Select(d => d.Topic).SingleOrDefault()
            ));
    }

    private static PetitionRow ReadPetitionRow(
        DbDataReader r,
        EntityReader<Petition> petition,
        EntityReader<PetitionCategory> category,
        bool categoryFirst
    )
    {
        var n = petition.Width;
        var c = categoryFirst ? n + 2 + category.Width : n + 2;
        return new PetitionRow(
            petition.Read(r, 0),
            r.GetString(n),
            r.GetString(n + 1),
            category.Read(r, categoryFirst ? n + 2 : n + 5),
            r.IsDBNull(c) ? null : r.GetString(c),
            r.IsDBNull(c + 1) ? null : r.GetString(c + 1),
            r.IsDBNull(c + 2) ? null : r.GetString(c + 2)
        );
    }
}
