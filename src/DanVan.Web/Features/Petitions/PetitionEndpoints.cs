using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Petitions;

public sealed record PetitionCategoryRow(int Id, string Code, string Name, string NameEn, string NameDe, int ResponseDays, bool IsActive, int Version);

public sealed record CalendarDayRow(int Id, DateOnly Date, string Name, bool IsWorkingDay);

public sealed record TrackingRequest(string? Code);

public sealed record EraseRequest(int Version);

/// <summary>/api/v1/petitions with the pages' permissions; /api/v1/tracking for citizens.</summary>
public static class PetitionEndpoints
{
    public static void MapPetitionEndpoints(this IEndpointRouteBuilder app)
    {
        // The register and the case of each petition are decided per record (PetitionAccess): an agency handler reaches
        // the API for the petitions assigned to its organization, a viewer for the register.
        var petitions = app.MapGroup("/api/v1/petitions").WithTags("Petitions")
            .RequireAuthorization(AuthSetup.ApiPolicy, Policies.PetitionsAccess);
        var edit = RolePermissions.PolicyName(Permission.PetitionsEdit);
        var configure = RolePermissions.PolicyName(Permission.PetitionsConfigure);
        petitions.MapGet("", async (ListPetitions handler, int? unitId, PetitionStatus? status, int? categoryId, int? organizationId, bool? overdue,
                bool? mine, int? dialogueId, int? year, string? q, string? after, int? limit, bool? awaiting, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(
                new PetitionQuery(unitId, status, categoryId, organizationId, overdue ?? false, mine ?? false, dialogueId, year, q, after, limit ?? 50, awaiting ?? false), ct)))
            .WithName("ListPetitions");
        petitions.MapGet("/{id:int}", async Task<Results<Ok<PetitionApiDetail>, ProblemHttpResult>> (int id, GetPetition handler, CancellationToken ct) =>
                await handler.HandleAsync(id, ct) is { } d ? TypedResults.Ok(PetitionApiDetail.From(d)) : Problems.From(new NotFoundError(SharedResource.Petitions_NotFound)))
            .WithName("GetPetition");
        petitions.MapPost("", async (PetitionInput input, HttpRequest request, RecordPetition handler, GetPetition read, CancellationToken ct) =>
            {
                input.SubmissionId ??= ApiResults.IdempotencyKey(request);
                var result = await handler.HandleAsync(input, ct);
                return await ApiResults.CreatedAsync(result, "/api/v1/petitions", async id =>
                    await read.HandleAsync(id, ct) is { } d ? PetitionApiDetail.From(d) with { Receipt = handler.Receipt } : null);
            })
            .WithName("RecordPetition").RequireAuthorization(edit);
        petitions.MapPost("/{id:int}/receipt", async Task<Results<Ok<PetitionReceipt>, ProblemHttpResult>> (int id, IssueReceipt handler, HttpResponse response, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(id, ct);
                response.Headers.CacheControl = "no-store";
                return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
            })
            .WithName("IssuePetitionReceipt").RequireAuthorization(edit);
        petitions.MapPost("/{id:int}/steps", async (int id, PetitionStepInput input, PetitionSteps handler, GetPetition read, CancellationToken ct) =>
                await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), async i => await read.HandleAsync(i, ct) is { } d ? PetitionApiDetail.From(d) : null))
            .WithName("TakePetitionStep");

        // Personal data: revealing and exporting are audited acts, so they are POSTs that nothing caches.
        petitions.MapPost("/{id:int}/personal-data", async Task<Results<Ok<PetitionerView>, ProblemHttpResult>> (int id, PersonalData handler, HttpResponse response, CancellationToken ct) =>
            {
                var result = await handler.RevealAsync(id, ct);
                response.Headers.CacheControl = "no-store";
                return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
            })
            .WithName("RevealPetitioner");
        petitions.MapPost("/{id:int}/personal-data/export", ExportPersonalDataAsync).WithName("ExportPetitionerData").RequireAuthorization(edit);
        petitions.MapPost("/{id:int}/personal-data/erase", async Task<Results<NoContent, ProblemHttpResult>> (int id, EraseRequest request, PersonalData handler, CancellationToken ct) =>
            {
                var result = await handler.EraseAsync(id, request.Version, ct);
                return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
            })
            .WithName("ErasePetitionerData").RequireAuthorization(edit);

        petitions.MapGet("/dashboard", DashboardAsync).WithName("PetitionDashboard").RequireAuthorization(RolePermissions.PolicyName(Permission.PetitionsView));
        petitions.MapGet("/categories", async (DanVanDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.PetitionCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
                    .Select(c => new PetitionCategoryRow(c.Id, c.Code, c.Name, c.NameEn, c.NameDe, c.ResponseDays, c.IsActive, c.Version)).ToListAsync(ct)))
            .WithName("ListPetitionCategories");
        petitions.MapPost("/categories", async (PetitionCategoryInput input, ConfigurePetitions handler, DanVanDbContext db, CancellationToken ct) =>
                await ApiResults.CreatedAsync(await handler.SaveCategoryAsync(null, input, ct), "/api/v1/petitions/categories", id => CategoryAsync(db, id, ct)))
            .WithName("AddPetitionCategory").RequireAuthorization(configure);
        petitions.MapPut("/categories/{id:int}", async (int id, PetitionCategoryInput input, ConfigurePetitions handler, DanVanDbContext db, CancellationToken ct) =>
                await ApiResults.OkAsync(await handler.SaveCategoryAsync(id, input, ct), i => CategoryAsync(db, i, ct)))
            .WithName("UpdatePetitionCategory").RequireAuthorization(configure);
        petitions.MapGet("/calendar", async (DanVanDbContext db, int? year, CancellationToken ct) =>
            {
                var y = year ?? DateTime.UtcNow.Year;
                var from = new DateOnly(y, 1, 1);
                var to = new DateOnly(y, 12, 31);
                return TypedResults.Ok(await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date)
                    .Select(d => new CalendarDayRow(d.Id, d.Date, d.Name, d.IsWorkingDay)).ToListAsync(ct));
            })
            .WithName("ListCalendarDays");
        petitions.MapPost("/calendar", async (CalendarDayInput input, ConfigurePetitions handler, DanVanDbContext db, CancellationToken ct) =>
                await ApiResults.CreatedAsync(await handler.AddDayAsync(input, ct), "/api/v1/petitions/calendar", async id =>
                    await db.CalendarDays.AsNoTracking().Where(d => d.Id == id).Select(d => new CalendarDayRow(d.Id, d.Date, d.Name, d.IsWorkingDay)).SingleOrDefaultAsync(ct)))
            .WithName("AddCalendarDay").RequireAuthorization(configure);
        petitions.MapDelete("/calendar/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, ConfigurePetitions handler, CancellationToken ct) =>
            {
                var result = await handler.RemoveDayAsync(id, ct);
                return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
            })
            .WithName("RemoveCalendarDay").RequireAuthorization(configure);

        // The signed-in page's download of a data subject's export (cookie; form post with antiforgery).
        app.MapPost("/petitions/{id:int}/personal-data/export", ExportPersonalDataAsync).WithName("ExportPetitionerDataPage")
            .RequireAuthorization(edit).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        petitions.MapDocuments(app, CaseKind.Petition, pagePolicy: Policies.PetitionsAccess);

        // Citizens: no sign-in, rate-limited per address (AuthSetup), the same answer for unknown and malformed codes.
        var tracking = app.MapGroup("/api/v1/tracking").WithTags("Tracking").AllowAnonymous().DisableAntiforgery();
        tracking.MapPost("", async Task<Results<Ok<TrackingView>, ProblemHttpResult>> (TrackingRequest request, PublicTracking handler, CancellationToken ct) =>
                await handler.FindAsync(request.Code, ct) is { } view ? TypedResults.Ok(view) : Problems.From(new NotFoundError(SharedResource.Tracking_NotFound)))
            .WithName("TrackPetition");
        tracking.MapPost("/verdict", async Task<Results<Ok<TrackingView>, ProblemHttpResult>> (VerdictInput input, PublicTracking handler, CancellationToken ct) =>
            {
                var result = await handler.GiveVerdictAsync(input, VerdictChannel.TrackingApi, ct);
                return result.IsOk && await handler.FindAsync(result.Value, ct) is { } view ? TypedResults.Ok(view) : Problems.From(result.Error ?? new NotFoundError(SharedResource.Tracking_NotFound));
            })
            .WithName("GivePetitionVerdict");
    }

    private static async Task<IResult> ExportPersonalDataAsync(int id, PersonalData handler, CancellationToken ct)
    {
        var result = await handler.ExportAsync(id, ct);
        return result.IsOk
            ? Results.File(result.Value, "application/json", $"petitioner-data-{id}.json")
            : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<PetitionDashboard>, ProblemHttpResult>> DashboardAsync(
        PetitionStatistics statistics, ICurrentUser user, DanVanDbContext db, int? unitId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var id = unitId ?? user.Active?.UnitId;
        UnitRef? unit = id is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == id)
            .Select(u => (UnitRef?)new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId)).SingleOrDefaultAsync(ct);
        if (unit is not { } scope || !user.Can(Permission.PetitionsView, scope))
        {
            return Problems.From(new NotFoundError(SharedResource.Units_NotFound));
        }

        return TypedResults.Ok(await statistics.ComputeAsync(scope, from, to, ct));
    }

    private static Task<PetitionCategoryRow?> CategoryAsync(DanVanDbContext db, int id, CancellationToken ct) =>
        db.PetitionCategories.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new PetitionCategoryRow(c.Id, c.Code, c.Name, c.NameEn, c.NameDe, c.ResponseDays, c.IsActive, c.Version)).SingleOrDefaultAsync(ct);
}
