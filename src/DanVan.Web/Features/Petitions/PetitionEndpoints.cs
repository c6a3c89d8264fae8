using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Petitions;

public sealed record TrackingRequest(string? Code);

public sealed record EraseRequest(int Version);

/// <summary>/api/v1/petitions with the pages' permissions; /api/v1/tracking for citizens.</summary>
public static class PetitionEndpoints
{
    public static void MapPetitionEndpoints(this IEndpointRouteBuilder app)
    {
        // The register and the case of each petition are decided per record (PetitionAccess): an agency handler reaches
        // the API for the petitions assigned to its organization, a viewer for the register.
        var petitions = app.MapGroup("/api/v1/petitions")
            .WithTags("Petitions")
            .RequireAuthorization(AuthSetup.ApiPolicy, Policies.PetitionsAccess);
        var edit = RolePermissions.PolicyName(Permission.PetitionsEdit);
        var configure = RolePermissions.PolicyName(Permission.PetitionsConfigure);
        petitions.MapGet("", ListAsync).WithName("ListPetitions");
        petitions.MapGet("/{id:int}", GetAsync).WithName("GetPetition");
        petitions.MapPost("", RecordAsync).WithName("RecordPetition").RequireAuthorization(edit);
        petitions
            .MapPost("/{id:int}/receipt", IssueReceiptAsync)
            .WithName("IssuePetitionReceipt")
            .RequireAuthorization(edit);
        petitions.MapPost("/{id:int}/steps", TakeStepAsync).WithName("TakePetitionStep");

        // Personal data: revealing and exporting are audited acts, so they are POSTs that nothing caches.
        petitions.MapPost("/{id:int}/personal-data", RevealPetitionerAsync).WithName("RevealPetitioner");
        petitions
            .MapPost("/{id:int}/personal-data/export", ExportPersonalDataAsync)
            .WithName("ExportPetitionerData")
            .RequireAuthorization(edit);
        petitions
            .MapPost("/{id:int}/personal-data/erase", ErasePersonalDataAsync)
            .WithName("ErasePetitionerData")
            .RequireAuthorization(edit);

        petitions.MapGet("/categories", ListCategoriesAsync).WithName("ListPetitionCategories");
        petitions
            .MapPost("/categories", AddCategoryAsync)
            .WithName("AddPetitionCategory")
            .RequireAuthorization(configure);
        petitions
            .MapPut("/categories/{id:int}", UpdateCategoryAsync)
            .WithName("UpdatePetitionCategory")
            .RequireAuthorization(configure);
        petitions.MapGet("/calendar", ListCalendarDaysAsync).WithName("ListCalendarDays");
        petitions.MapPost("/calendar", AddCalendarDayAsync).WithName("AddCalendarDay").RequireAuthorization(configure);
        petitions
            .MapDelete("/calendar/{id:int}", RemoveCalendarDayAsync)
            .WithName("RemoveCalendarDay")
            .RequireAuthorization(configure);

        // The signed-in page's download of a data subject's export (cookie; form post with antiforgery).
        app.MapPost("/petitions/{id:int}/personal-data/export", ExportPersonalDataAsync)
            .WithName("ExportPetitionerDataPage")
            .RequireAuthorization(edit)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

        // The register as a file, for the signed-in page (cookie) and the API (token) alike.
        app.MapGet("/petitions/export", ExportAsync)
            .WithName("ExportPetitionsPage")
            .RunsInBackground()
            .RequireAuthorization(Policies.PetitionsAccess)
            .ExcludeFromDescription();
        petitions.MapGet("/export", ExportAsync).WithName("ExportPetitions").RunsInBackground();

        // Petitions from a spreadsheet: the template, the check or commit (API), the copy with a problem column (page).
        petitions
            .MapGet("/import/template", ImportTemplateAsync)
            .WithName("PetitionImportTemplate")
            .RequireAuthorization(edit);
        petitions
            .MapPost("/import", ImportAsync)
            .WithName("ImportPetitions")
            .RequireAuthorization(edit)
            .DisableAntiforgery();
        app.MapGet("/petitions/import/template.xlsx", ImportTemplateAsync)
            .WithName("PetitionImportTemplatePage")
            .RequireAuthorization(edit)
            .ExcludeFromDescription();
        app.MapGet("/petitions/import/problems/{id:guid}", ImportProblemsCopyAsync)
            .WithName("PetitionImportProblemsPage")
            .RequireAuthorization(edit)
            .ExcludeFromDescription();

        petitions.MapDocuments(app, CaseKind.Petition, pagePolicy: Policies.PetitionsAccess);

        // Citizens: no sign-in, rate-limited per address (AuthSetup), the same answer for unknown and malformed codes.
        var tracking = app.MapGroup("/api/v1/tracking").WithTags("Tracking").AllowAnonymous().DisableAntiforgery();
        tracking.MapPost("", TrackAsync).WithName("TrackPetition");
        tracking.MapPost("/verdict", GiveVerdictAsync).WithName("GivePetitionVerdict");
    }

    private static async Task<Ok<ListPage<PetitionListRow>>> ListAsync(
        ListPetitions handler,
        int? unitId,
        PetitionStatus? status,
        int? categoryId,
        int? organizationId,
        bool? overdue,
        bool? mine,
        int? dialogueId,
        int? year,
        string? q,
        string? after,
        int? limit,
        bool? awaiting,
        CancellationToken ct
    ) =>
        TypedResults.Ok(
            await handler.HandleAsync(
                new PetitionQuery(
                    unitId,
                    status,
                    categoryId,
                    organizationId,
                    overdue ?? false,
                    mine ?? false,
                    dialogueId,
                    year,
                    q,
                    after,
                    limit ?? 50,
                    awaiting ?? false
                ),
                ct
            )
        );

    private static async Task<IResult> ExportAsync(
        ExportPetitions handler,
        string? format,
        int? unitId,
        PetitionStatus? status,
        int? categoryId,
        int? organizationId,
        bool? overdue,
        bool? mine,
        int? dialogueId,
        int? year,
        string? q,
        bool? awaiting,
        CancellationToken ct
    ) =>
        TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(
                new PetitionQuery(
                    unitId,
                    status,
                    categoryId,
                    organizationId,
                    overdue ?? false,
                    mine ?? false,
                    dialogueId,
                    year,
                    q,
                    Awaiting: awaiting ?? false
                ),
                f,
                ct
            )
            : Problems.From(ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Export_Format));

    private static async Task<Results<Ok<PetitionApiDetail>, ProblemHttpResult>> GetAsync(
        int id,
        GetPetition handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } d
            ? TypedResults.Ok(PetitionApiDetail.From(d))
            : Problems.From(new NotFoundError(SharedResource.Petitions_NotFound));

    private static async Task<Results<Created<PetitionApiDetail>, ProblemHttpResult>> RecordAsync(
        PetitionInput input,
        HttpRequest request,
        RecordPetition handler,
        GetPetition read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        var result = await handler.HandleAsync(input, ct);
        return await ApiResults.CreatedAsync(result, "/api/v1/petitions", async id =>
            await read.HandleAsync(id, ct) is { } d
                ? PetitionApiDetail.From(d) with
                {
                    Receipt = handler.Receipt,
                }
                : null
        );
    }

    private static async Task<Results<Ok<PetitionReceipt>, ProblemHttpResult>> IssueReceiptAsync(
        int id,
        IssueReceipt handler,
        HttpResponse response,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, ct);
        response.Headers.CacheControl = "no-store";
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<PetitionApiDetail>, ProblemHttpResult>> TakeStepAsync(
        int id,
        PetitionStepInput input,
        PetitionSteps handler,
        GetPetition read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(id, input, ct),
            async i => await read.HandleAsync(i, ct) is { } d ? PetitionApiDetail.From(d) : null,
            id
        );

    private static async Task<Results<Ok<PetitionerView>, ProblemHttpResult>> RevealPetitionerAsync(
        int id,
        PersonalData handler,
        HttpResponse response,
        CancellationToken ct
    )
    {
        var result = await handler.RevealAsync(id, ct);
        response.Headers.CacheControl = "no-store";
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportPersonalDataAsync(
        int id,
        PersonalData handler,
        CancellationToken ct
    )
    {
        var result = await handler.ExportAsync(id, ct);
        return result.IsOk
            ? TypedResults.File(result.Value, "application/json", $"petitioner-data-{id}.json")
            : Problems.From(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ErasePersonalDataAsync(
        int id,
        EraseRequest request,
        PersonalData handler,
        GetPetition read,
        CancellationToken ct
    )
    {
        var result = await handler.EraseAsync(id, request.Version, ct);
        return result.IsOk
            ? TypedResults.NoContent()
            : Problems.From(
                await ApiResults.WithCurrentAsync(result.Error, async () =>
                    await read.HandleAsync(id, ct) is { } d ? PetitionApiDetail.From(d) : null
                )
            );
    }

    private static async Task<Ok<List<PetitionCategoryRow>>> ListCategoriesAsync(
        ReadPetitionSettings handler,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.CategoriesAsync(ct));

    private static async Task<Results<Created<PetitionCategoryRow>, ProblemHttpResult>> AddCategoryAsync(
        PetitionCategoryInput input,
        ConfigurePetitions handler,
        ReadPetitionSettings read,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(
            await handler.SaveCategoryAsync(null, input, ct),
            "/api/v1/petitions/categories",
            id => read.CategoryAsync(id, ct)
        );

    private static async Task<Results<Ok<PetitionCategoryRow>, ProblemHttpResult>> UpdateCategoryAsync(
        int id,
        PetitionCategoryInput input,
        ConfigurePetitions handler,
        ReadPetitionSettings read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.SaveCategoryAsync(id, input, ct), i => read.CategoryAsync(i, ct), id);

    private static async Task<Ok<List<CalendarDayRow>>> ListCalendarDaysAsync(
        ReadPetitionSettings handler,
        int? year,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.CalendarAsync(year, ct));

    private static async Task<Results<Created<CalendarDayRow>, ProblemHttpResult>> AddCalendarDayAsync(
        CalendarDayInput input,
        ConfigurePetitions handler,
        ReadPetitionSettings read,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(await handler.AddDayAsync(input, ct), "/api/v1/petitions/calendar", id =>
            read.DayAsync(id, ct)
        );

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveCalendarDayAsync(
        int id,
        ConfigurePetitions handler,
        CancellationToken ct
    )
    {
        var result = await handler.RemoveDayAsync(id, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<TrackingView>, ProblemHttpResult>> TrackAsync(
        TrackingRequest request,
        PublicTracking handler,
        CancellationToken ct
    ) =>
        await handler.FindAsync(request.Code, ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.From(new NotFoundError(SharedResource.Tracking_NotFound));

    private static async Task<Results<Ok<TrackingView>, ProblemHttpResult>> GiveVerdictAsync(
        VerdictInput input,
        PublicTracking handler,
        CancellationToken ct
    )
    {
        var result = await handler.GiveVerdictAsync(input, VerdictChannel.TrackingApi, ct);
        return result.IsOk && await handler.FindAsync(result.Value, ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.From(result.Error ?? new NotFoundError(SharedResource.Tracking_NotFound));
    }

    private static async Task<FileContentHttpResult> ImportTemplateAsync(ImportPetitions handler, CancellationToken ct)
    {
        var (name, content) = await handler.TemplateAsync(ct);
        return TypedResults.File(content, RecordImportEndpoints.XlsxType, name);
    }

    private static Task<Results<Ok<RecordImportResult>, ProblemHttpResult>> ImportAsync(
        IFormFile? file,
        bool? preview,
        ImportPetitions handler,
        CancellationToken ct
    ) => RecordImportEndpoints.ImportAsync(file, preview, handler.PreviewAsync, handler.CommitAsync, ct);

    private static Task<IResult> ImportProblemsCopyAsync(
        Guid id,
        UploadStaging staging,
        ImportPetitions handler,
        CancellationToken ct
    ) => RecordImportEndpoints.ProblemsCopyAsync(id, ImportPetitions.Purpose, staging, handler.PreviewAsync, ct);
}
