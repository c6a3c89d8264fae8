using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Personnel;

/// <summary>/api/v1/cadres with the pages' permissions and handlers: the person masked unless revealed (an audited
/// POST), the data subject's export and erasure, the posts.</summary>
public static class CadreEndpoints
{
    public static void MapCadreEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.PersonnelView);
        var edit = RolePermissions.PolicyName(Permission.PersonnelEdit);
        var personal = RolePermissions.PolicyName(Permission.PersonnelPersonalData);
        var cadres = app.MapGroup("/api/v1/cadres").WithTags("Cadres").RequireAuthorization(AuthSetup.ApiPolicy, view);
        cadres.MapGet("", ListAsync).WithName("ListCadres");
        cadres.MapPost("", CreateAsync).WithName("CreateCadre").RequireAuthorization(edit);
        cadres.MapGet("/{id:int}", GetAsync).WithName("GetCadre");
        cadres.MapPut("/{id:int}", UpdateAsync).WithName("UpdateCadre").RequireAuthorization(edit);
        // Personal data: revealing and exporting are audited acts, so they are POSTs that nothing caches.
        cadres.MapPost("/{id:int}/personal-data", RevealAsync).WithName("RevealCadre").RequireAuthorization(personal);
        cadres
            .MapPost("/{id:int}/personal-data/export", ExportPersonalDataAsync)
            .WithName("ExportCadreData")
            .RequireAuthorization(personal);
        cadres
            .MapPost("/{id:int}/personal-data/erase", EraseAsync)
            .WithName("EraseCadreData")
            .RequireAuthorization(edit);
        cadres
            .MapPost("/{id:int}/positions", CreatePositionAsync)
            .WithName("CreateCadrePosition")
            .RequireAuthorization(edit);
        cadres
            .MapPut("/{id:int}/positions/{positionId:int}", UpdatePositionAsync)
            .WithName("UpdateCadrePosition")
            .RequireAuthorization(edit);

        // Cadre lists from a spreadsheet: the template, the check or commit (API), the copy with a problem column (page).
        cadres
            .MapGet("/import/template", ImportTemplateAsync)
            .WithName("CadreImportTemplate")
            .RequireAuthorization(edit);
        cadres.MapPost("/import", ImportAsync).WithName("ImportCadres").RequireAuthorization(edit).DisableAntiforgery();
        app.MapGet("/cadres/import/template.xlsx", ImportTemplateAsync)
            .WithName("CadreImportTemplatePage")
            .RequireAuthorization(edit)
            .ExcludeFromDescription();
        app.MapGet("/cadres/import/problems/{id:guid}", ImportProblemsCopyAsync)
            .WithName("CadreImportProblemsPage")
            .RequireAuthorization(edit)
            .ExcludeFromDescription();

        // A unit's staffing quota for a year, set by the personnel officers of the unit above.
        app.MapGroup("/api/v1/staffing")
            .WithTags("Staffing")
            .RequireAuthorization(AuthSetup.ApiPolicy, edit)
            .MapPut("/{unitId:int}/{year:int}", SetQuotaAsync)
            .WithName("SetStaffingQuota");

        // The signed-in page's download of a data subject's export (cookie; form post with antiforgery).
        app.MapPost("/cadres/{id:int}/personal-data/export", ExportPersonalDataAsync)
            .WithName("ExportCadreDataPage")
            .RequireAuthorization(personal)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
    }

    private static async Task<Ok<ListPage<CadreListRow>>> ListAsync(
        ListCadres handler,
        int? unitId,
        TheoryLevel? theory,
        bool? serving,
        string? after,
        int? limit,
        CancellationToken ct
    ) =>
        TypedResults.Ok(
            await handler.HandleAsync(new CadreQuery(unitId, null, theory, serving, after, limit ?? 50), ct)
        );

    private static async Task<Results<Ok<CadreView>, ProblemHttpResult>> GetAsync(
        int id,
        GetCadre handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } v
            ? TypedResults.Ok(v)
            : Problems.From(new NotFoundError(SharedResource.Cadres_NotFound));

    private static async Task<Results<Created<CadreView>, ProblemHttpResult>> CreateAsync(
        CadreInput input,
        HttpRequest request,
        SaveCadre handler,
        GetCadre read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/cadres", id =>
            read.HandleAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<CadreView>, ProblemHttpResult>> UpdateAsync(
        int id,
        CadreInput input,
        SaveCadre handler,
        GetCadre read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.UpdateAsync(id, input, ct), i => read.HandleAsync(i, ct), id);

    private static async Task<Results<Ok<CadreView>, ProblemHttpResult>> RevealAsync(
        int id,
        GetCadre handler,
        CancellationToken ct
    )
    {
        var result = await handler.RevealAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportPersonalDataAsync(
        int id,
        GetCadre handler,
        CancellationToken ct
    )
    {
        var result = await handler.ExportAsync(id, ct);
        return result.IsOk
            ? TypedResults.File(result.Value, "application/json", $"cadre-data-{id}.json")
            : Problems.From(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(
        int id,
        EraseRequest request,
        GetCadre handler,
        CancellationToken ct
    )
    {
        var result = await handler.EraseAsync(id, request.Version, ct);
        return result.IsOk
            ? TypedResults.NoContent()
            : Problems.From(
                await ApiResults.WithCurrentAsync(result.Error, async () => await handler.HandleAsync(id, ct))
            );
    }

    private static async Task<Results<Created<CadreView>, ProblemHttpResult>> CreatePositionAsync(
        int id,
        PositionInput input,
        HttpRequest request,
        SaveCadrePosition handler,
        GetCadre read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(
            await handler.CreateAsync(id, input, ct),
            $"/api/v1/cadres/{id}/positions",
            _ => read.HandleAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<CadreView>, ProblemHttpResult>> UpdatePositionAsync(
        int id,
        int positionId,
        PositionInput input,
        SaveCadrePosition handler,
        GetCadre read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.UpdateAsync(id, positionId, input, ct),
            _ => read.HandleAsync(id, ct),
            id
        );

    private static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> SetQuotaAsync(
        int unitId,
        int year,
        QuotaInput input,
        SaveStaffingQuota handler,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(unitId, year, input, ct),
            _ => handler.ReadAsync(unitId, year, ct, input.OrganizationId),
            unitId
        );

    private static async Task<FileContentHttpResult> ImportTemplateAsync(ImportCadres handler, CancellationToken ct)
    {
        var (name, content) = await handler.TemplateAsync(ct);
        return TypedResults.File(content, RecordImportEndpoints.XlsxType, name);
    }

    private static Task<Results<Ok<RecordImportResult>, ProblemHttpResult>> ImportAsync(
        IFormFile? file,
        bool? preview,
        ImportCadres handler,
        CancellationToken ct
    ) => RecordImportEndpoints.ImportAsync(file, preview, handler.PreviewAsync, handler.CommitAsync, ct);

    private static Task<IResult> ImportProblemsCopyAsync(
        Guid id,
        UploadStaging staging,
        ImportCadres handler,
        CancellationToken ct
    ) => RecordImportEndpoints.ProblemsCopyAsync(id, ImportCadres.Purpose, staging, handler.PreviewAsync, ct);
}
