using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Organizations;

public sealed record OrganizationDetail(
    int Id,
    int UnitId,
    string UnitName,
    OrganizationType Type,
    string Name,
    string? ShortName,
    bool IsActive,
    int Version
);

/// <summary>/api/v1/organizations: the organizations of the units in the caller's subtrees.</summary>
public static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organizations")
            .WithTags("Organizations")
            .RequireAuthorization(AuthSetup.ApiPolicy, RolePermissions.PolicyName(Permission.OrganizationsView));
        group.MapGet("", ListAsync).WithName("ListOrganizations");
        // The list as a file, for the signed-in page (cookie) and the API (token) alike.
        group.MapGet("/export", ExportAsync).WithName("ExportOrganizations").RunsInBackground();
        app.MapGet("/organizations/export", ExportAsync)
            .WithName("ExportOrganizationsPage")
            .RunsInBackground()
            .RequireAuthorization(RolePermissions.PolicyName(Permission.OrganizationsView))
            .ExcludeFromDescription();
        group.MapGet("/{id:int}", GetAsync).WithName("GetOrganization");
        var manage = RolePermissions.PolicyName(Permission.OrganizationsManage);
        group.MapPost("", CreateAsync).WithName("CreateOrganization").RequireAuthorization(manage);
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateOrganization").RequireAuthorization(manage);
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteOrganization").RequireAuthorization(manage);
    }

    private static async Task<IResult> ExportAsync(
        ExportOrganizations handler,
        string? format,
        int? unitId,
        OrganizationType? type,
        string? q,
        CancellationToken ct
    ) =>
        Infrastructure.Exports.TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(unitId, type, q, f, ct)
            : Problems.From(
                ValidationError.For(
                    Resources.SharedResource.Val_FixBelow,
                    "format",
                    Resources.SharedResource.Export_Format
                )
            );

    private static async Task<Ok<ListPage<OrganizationListRow>>> ListAsync(
        ListOrganizations handler,
        int? unitId,
        OrganizationType? type,
        string? q,
        string? after,
        int? limit,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.HandleAsync(unitId, type, q, limit ?? 100, ct, after));

    private static async Task<Results<Ok<OrganizationDetail>, ProblemHttpResult>> GetAsync(
        int id,
        ListOrganizations handler,
        CancellationToken ct
    ) =>
        await ReadAsync(handler, id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.From(new NotFoundError(Resources.SharedResource.Organizations_NotFound));

    private static async Task<Results<Created<OrganizationDetail>, ProblemHttpResult>> CreateAsync(
        OrganizationInput input,
        HttpRequest request,
        CreateOrganization handler,
        ListOrganizations read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/organizations", id =>
            ReadAsync(read, id, ct)
        );
    }

    private static async Task<Results<Ok<OrganizationDetail>, ProblemHttpResult>> UpdateAsync(
        int id,
        OrganizationInput input,
        UpdateOrganization handler,
        ListOrganizations read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => ReadAsync(read, i, ct), id);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id,
        DeleteOrganization handler,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    private static async Task<OrganizationDetail?> ReadAsync(ListOrganizations handler, int id, CancellationToken ct) =>
        await handler.GetAsync(id, ct) is { } found
            ? new OrganizationDetail(
                found.Row.Id,
                found.Row.UnitId,
                found.UnitName,
                found.Row.Type,
                found.Row.Name,
                found.Row.ShortName,
                found.Row.IsActive,
                found.Row.Version
            )
            : null;
}
