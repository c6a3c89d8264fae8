using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Units;

/// <summary>/api/v1/units: the administrative tree, with the same permissions as the pages.</summary>
public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units")
            .WithTags("Units")
            .RequireAuthorization(AuthSetup.ApiPolicy, RolePermissions.PolicyName(Permission.UnitsView));

        group.MapGet("", ListAsync).WithName("ListUnits");
        group.MapGet("/{id:int}", GetAsync).WithName("GetUnit");
        // The list as a file, for the signed-in page (cookie) and the API (token) alike.
        group.MapGet("/export", ExportAsync).WithName("ExportUnits").RunsInBackground();
        app.MapGet("/units/export", ExportAsync)
            .WithName("ExportUnitsPage")
            .RunsInBackground()
            .RequireAuthorization(RolePermissions.PolicyName(Permission.UnitsView))
            .ExcludeFromDescription();
        var manage = RolePermissions.PolicyName(Permission.UnitsManage);
        group.MapPost("", CreateAsync).WithName("CreateUnit").RequireAuthorization(manage);
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateUnit").RequireAuthorization(manage);
        group.MapPost("/{id:int}/retire", RetireAsync).WithName("RetireUnit").RequireAuthorization(manage);
        group.MapPost("/merge", MergeAsync).WithName("MergeUnits").RequireAuthorization(manage);
        group.MapPost("/import", ImportAsync).WithName("ImportUnits").RequireAuthorization(manage).DisableAntiforgery();
    }

    private static async Task<Ok<UnitPage>> ListAsync(
        ListUnits handler,
        string? q,
        int? parentId,
        UnitLevel? level,
        UnitKind? kind,
        bool? includeRetired,
        string? after,
        int? limit,
        CancellationToken ct
    ) =>
        TypedResults.Ok(
            await handler.HandleAsync(
                new UnitListQuery(q, parentId, level, kind, includeRetired ?? false, after, limit ?? 50),
                ct
            )
        );

    private static async Task<IResult> ExportAsync(
        ExportUnits handler,
        string? format,
        string? q,
        int? parentId,
        UnitLevel? level,
        UnitKind? kind,
        bool? includeRetired,
        CancellationToken ct
    ) =>
        Infrastructure.Exports.TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(new UnitListQuery(q, parentId, level, kind, includeRetired ?? false), f, ct)
            : Problems.From(
                ValidationError.For(
                    Resources.SharedResource.Val_FixBelow,
                    "format",
                    Resources.SharedResource.Export_Format
                )
            );

    private static async Task<Results<Ok<UnitDetail>, ProblemHttpResult>> GetAsync(
        int id,
        GetUnit handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } unit
            ? TypedResults.Ok(unit)
            : Problems.From(new NotFoundError(Resources.SharedResource.Units_NotFound));

    private static async Task<Results<Created<UnitDetail>, ProblemHttpResult>> CreateAsync(
        UnitInput input,
        HttpRequest request,
        CreateUnit handler,
        GetUnit get,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/units", id =>
            get.HandleAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<UnitDetail>, ProblemHttpResult>> UpdateAsync(
        int id,
        UnitInput input,
        UpdateUnit handler,
        GetUnit get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => get.HandleAsync(i, ct), id);

    private static async Task<Results<Ok<UnitDetail>, ProblemHttpResult>> RetireAsync(
        int id,
        RetireUnitInput input,
        RetireUnit handler,
        GetUnit get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => get.HandleAsync(i, ct), id);

    private static async Task<Results<Ok<UnitDetail>, ProblemHttpResult>> MergeAsync(
        MergeUnitsInput input,
        MergeUnits handler,
        GetUnit get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(input, ct), i => get.HandleAsync(i, ct));

    /// <summary>Checks an official unit list (multipart field "file"); with commit=true also writes it, all or
    /// nothing.</summary>
    private static async Task<Results<Ok<UnitImportResult>, ProblemHttpResult>> ImportAsync(
        IFormFile file,
        bool? commit,
        ImportUnits handler,
        CancellationToken ct
    )
    {
        await using var stream = file.OpenReadStream();
        var result =
            commit == true
                ? await handler.CommitAsync(stream, file.FileName, ct)
                : await handler.PreviewAsync(stream, file.FileName, ct);
        return result.HasProblems && commit == true
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: Resources.SharedResource.Import_HasProblems,
                extensions: new Dictionary<string, object?> { ["problems"] = result.Problems }
            )
            : TypedResults.Ok(result);
    }
}
