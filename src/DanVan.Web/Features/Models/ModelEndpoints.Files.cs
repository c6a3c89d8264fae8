using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Imports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Models;

/// <summary>The model files: the list and a model's replications as .xlsx/.csv (also in the background), and models
/// from a spreadsheet (template, check or commit, the copy with a problem column).</summary>
public static partial class ModelEndpoints
{
    private static void MapFiles(IEndpointRouteBuilder app, RouteGroupBuilder group, string view, string edit)
    {
        // The list as a file, for the signed-in page (cookie) and the API (token) alike.
        app.MapGet("/models/export", ExportAsync)
            .WithName("ExportModelsPage")
            .RunsInBackground()
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        group.MapGet("/export", ExportAsync).WithName("ExportModels").RunsInBackground();

        // Where a model is replicated, as a file: the page's download (cookie) and the API (token).
        app.MapGet("/models/{id:int}/replications/export", ExportReplicationsAsync)
            .WithName("ExportModelReplicationsPage")
            .RunsInBackground()
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        group
            .MapGet("/{id:int}/replications/export", ExportReplicationsAsync)
            .WithName("ExportModelReplications")
            .RunsInBackground();

        // Models from a spreadsheet: the template, the check or commit (API), the copy with a problem column (page).
        group.MapGet("/import/template", TemplateAsync).WithName("ModelImportTemplate").RequireAuthorization(edit);
        group.MapPost("/import", ImportAsync).WithName("ImportModels").RequireAuthorization(edit).DisableAntiforgery();
        app.MapGet("/models/import/template.xlsx", TemplateAsync)
            .WithName("ModelImportTemplatePage")
            .RequireAuthorization(edit)
            .ExcludeFromDescription();
        app.MapGet("/models/import/problems/{id:guid}", ProblemsCopyAsync)
            .WithName("ModelImportProblemsPage")
            .RequireAuthorization(edit)
            .ExcludeFromDescription();
    }

    private static async Task<IResult> ExportReplicationsAsync(
        int id,
        string? format,
        ExportReplications handler,
        CancellationToken ct
    ) =>
        TableExport.Parse(format) is not { } f
            ? Problems.From(
                ValidationError.For(
                    Resources.SharedResource.Val_FixBelow,
                    "format",
                    Resources.SharedResource.Export_Format
                )
            )
            : await handler.HandleAsync(id, f, ct)
                ?? Problems.From(new NotFoundError(Resources.SharedResource.Models_NotFound));

    private static async Task<FileContentHttpResult> TemplateAsync(ImportModels handler, CancellationToken ct)
    {
        var (name, content) = await handler.TemplateAsync(ct);
        return TypedResults.File(content, RecordImportEndpoints.XlsxType, name);
    }

    private static Task<Results<Ok<RecordImportResult>, ProblemHttpResult>> ImportAsync(
        IFormFile? file,
        bool? preview,
        ImportModels handler,
        CancellationToken ct
    ) => RecordImportEndpoints.ImportAsync(file, preview, handler.PreviewAsync, handler.CommitAsync, ct);

    private static Task<IResult> ProblemsCopyAsync(
        Guid id,
        UploadStaging staging,
        ImportModels handler,
        CancellationToken ct
    ) => RecordImportEndpoints.ProblemsCopyAsync(id, ImportModels.Purpose, staging, handler.PreviewAsync, ct);

    private static async Task<IResult> ExportAsync(
        ExportModels handler,
        string? format,
        int? unitId,
        int? fieldId,
        ModelKind? kind,
        ModelStatus? status,
        RecognitionLevel? level,
        int? year,
        int? indicatorId,
        string? q,
        CancellationToken ct
    ) =>
        TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(
                new ModelQuery(unitId, fieldId, kind, status, level, year, indicatorId, q),
                f,
                ct
            )
            : Problems.From(
                ValidationError.For(
                    Resources.SharedResource.Val_FixBelow,
                    "format",
                    Resources.SharedResource.Export_Format
                )
            );
}
