using DanVan.Web.Components.Shared;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The figure files (template and import) and the missing entries, for the API and the pages.</summary>
public static partial class CampaignEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static void MapFigureFiles(IEndpointRouteBuilder app, RouteGroupBuilder campaigns)
    {
        var view = RolePermissions.PolicyName(Permission.CampaignsView);
        var report = RolePermissions.PolicyName(Permission.CampaignsReport);

        campaigns.MapGet("/{id:int}/missing", MissingAsync).WithName("CampaignMissingEntries");
        campaigns.MapGet("/{id:int}/template", TemplateAsync).WithName("CampaignFigureTemplate");
        campaigns
            .MapPost("/{id:int}/import", ImportAsync)
            .WithName("ImportCampaignFigures")
            .RequireAuthorization(report)
            .DisableAntiforgery();

        campaigns
            .MapGet("/{id:int}/figures/export", ExportFiguresAsync)
            .WithName("ExportCampaignFigures")
            .RunsInBackground();
        app.MapGet("/campaigns/{id:int}/figures/export", ExportFiguresPageAsync)
            .WithName("ExportCampaignFiguresPage")
            .RunsInBackground()
            .RequireAuthorization(view)
            .ExcludeFromDescription();

        // The pages' download: the session cookie, lenient query values (a stale link is not a server error).
        app.MapGet("/campaigns/{id:int}/template.xlsx", TemplatePageAsync)
            .WithName("CampaignFigureTemplatePage")
            .RequireAuthorization(view)
            .ExcludeFromDescription();
    }

    /// <summary>The campaign's figures within the caller's units, as a file (format=xlsx|csv; unitId, from, to narrow
    /// it).</summary>
    private static async Task<IResult> ExportFiguresAsync(
        int id,
        string? format,
        int? unitId,
        DateOnly? from,
        DateOnly? to,
        ExportFigures handler,
        CancellationToken ct
    ) =>
        Infrastructure.Exports.TableExport.Parse(format) is not { } f
            ? Problems.From(ValidationError.For(SharedResource.Val_FixBelow, "format", SharedResource.Export_Format))
            : await handler.HandleAsync(id, unitId, from, to, f, ct) ?? NotFound();

    private static Task<IResult> ExportFiguresPageAsync(
        int id,
        string? format,
        string? unitId,
        string? from,
        string? to,
        ExportFigures handler,
        CancellationToken ct
    ) =>
        ExportFiguresAsync(id, format, QueryValue.Int(unitId), QueryValue.Date(from), QueryValue.Date(to), handler, ct);

    private static async Task<Results<Ok<MissingReport>, ProblemHttpResult>> MissingAsync(
        int id,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        ReadGrid handler,
        CancellationToken ct
    ) =>
        await handler.MissingAsync(id, unitId, date, frequency, ct) is { } missing
            ? TypedResults.Ok(missing)
            : NotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplateAsync(
        int id,
        int? unitId,
        DateOnly? date,
        ReportingFrequency? frequency,
        ImportFigures handler,
        CancellationToken ct
    ) =>
        await handler.TemplateAsync(id, frequency, date, unitId, ct) is { } file
            ? TypedResults.File(file.Content, XlsxType, file.FileName)
            : NotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplatePageAsync(
        int id,
        string? unitId,
        string? date,
        string? frequency,
        ImportFigures handler,
        CancellationToken ct
    ) =>
        await handler.TemplateAsync(
            id,
            QueryValue.Enum<ReportingFrequency>(frequency),
            QueryValue.Date(date),
            QueryValue.Int(unitId),
            ct
        )
            is { } file
            ? TypedResults.File(file.Content, XlsxType, file.FileName)
            : NotFound();

    /// <summary>Checks a sheet of figures (multipart field "file"); with preview=false also writes it, all or
    /// nothing.</summary>
    private static async Task<Results<Ok<FigureImportResult>, ProblemHttpResult>> ImportAsync(
        int id,
        IFormFile? file,
        bool? preview,
        DateOnly? date,
        ImportFigures handler,
        CancellationToken ct
    )
    {
        if (file is null)
        {
            return Problems.From(
                ValidationError.For(SharedResource.Val_FixBelow, "file", SharedResource.Import_NoFile)
            );
        }

        if (file.Length > TabularFile.MaxBytes)
        {
            return Problems.From(
                ValidationError.For(
                    SharedResource.Val_FixBelow,
                    "file",
                    string.Format(SharedResource.Import_TooLarge, TabularFile.MaxBytes / 1024 / 1024)
                )
            );
        }

        await using var stream = file.OpenReadStream();
        var commit = preview == false;
        var result = commit
            ? await handler.CommitAsync(id, stream, file.FileName, date, checkedAt: null, ct)
            : await handler.PreviewAsync(id, stream, file.FileName, date, ct);
        if (!result.IsOk)
        {
            return Problems.From(result.Error);
        }

        return result.Value.HasProblems && commit
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: SharedResource.Import_HasProblems,
                extensions: new Dictionary<string, object?> { ["problems"] = result.Value.Problems }
            )
            : TypedResults.Ok(result.Value);
    }
}
