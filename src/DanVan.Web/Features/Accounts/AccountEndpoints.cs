using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Accounts;

public sealed record MeResponse(int Id, string? DisplayName, IReadOnlyList<MeGrant> Assignments);

public sealed record MeGrant(int UnitId, string UnitName, Role Role, IReadOnlyList<Permission> Permissions);

/// <summary>/api/v1/accounts and /api/v1/me: accounts of the caller's subtrees, and the caller itself.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", Me).WithTags("Accounts").WithName("Me").RequireAuthorization(AuthSetup.ApiPolicy);

        var group = app.MapGroup("/api/v1/accounts")
            .WithTags("Accounts")
            .RequireAuthorization(AuthSetup.ApiPolicy, RolePermissions.PolicyName(Permission.AccountsView));
        group.MapGet("", ListAsync).WithName("ListAccounts");
        // The list as a file, for the signed-in page (cookie) and the API (token) alike.
        group.MapGet("/export", ExportAsync).WithName("ExportAccounts").RunsInBackground();
        app.MapGet("/accounts/export", ExportAsync)
            .WithName("ExportAccountsPage")
            .RunsInBackground()
            .RequireAuthorization(RolePermissions.PolicyName(Permission.AccountsView))
            .ExcludeFromDescription();
        group.MapGet("/{id:int}", GetAsync).WithName("GetAccount");
        var manage = RolePermissions.PolicyName(Permission.AccountsManage);
        group.MapPost("", CreateAsync).WithName("CreateAccount").RequireAuthorization(manage);
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateAccount").RequireAuthorization(manage);
        group.MapPost("/{id:int}/disable", DisableAsync).WithName("DisableAccount").RequireAuthorization(manage);
        group.MapPost("/{id:int}/enable", EnableAsync).WithName("EnableAccount").RequireAuthorization(manage);
        group.MapPost("/{id:int}/unlock", UnlockAsync).WithName("UnlockAccount").RequireAuthorization(manage);
        group
            .MapPost("/{id:int}/assignments", AddAssignmentAsync)
            .WithName("AddAssignment")
            .RequireAuthorization(manage);
        group
            .MapDelete("/{id:int}/assignments/{assignmentId:int}", RemoveAssignmentAsync)
            .WithName("RemoveAssignment")
            .RequireAuthorization(manage);
        group
            .MapPost("/{id:int}/tokens/{tokenId:int}/revoke", RevokeTokenAsync)
            .WithName("RevokeAccountToken")
            .RequireAuthorization(manage);
    }

    private static Ok<MeResponse> Me(ICurrentUser user) =>
        TypedResults.Ok(
            new MeResponse(
                user.AccountId ?? 0,
                user.DisplayName,
                [
                    .. user.Grants.Select(g => new MeGrant(
                        g.UnitId,
                        g.UnitName,
                        g.Role,
                        [.. RolePermissions.Of(g.Role).Order()]
                    )),
                ]
            )
        );

    private static async Task<IResult> ExportAsync(
        ExportAccounts handler,
        string? format,
        string? q,
        int? unitId,
        CancellationToken ct
    ) =>
        Infrastructure.Exports.TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(q, unitId, f, ct)
            : Problems.From(
                ValidationError.For(
                    Resources.SharedResource.Val_FixBelow,
                    "format",
                    Resources.SharedResource.Export_Format
                )
            );

    private static async Task<Ok<ListPage<AccountRow>>> ListAsync(
        ListAccounts handler,
        string? q,
        int? unitId,
        string? after,
        int? limit,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.HandleAsync(q, unitId, limit ?? 100, ct, after));

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> GetAsync(
        int id,
        GetAccount handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } account
            ? TypedResults.Ok(account)
            : Problems.From(new NotFoundError(Resources.SharedResource.Accounts_NotFound));

    private static async Task<Results<Created<AccountDetail>, ProblemHttpResult>> CreateAsync(
        NewAccountInput input,
        HttpRequest request,
        CreateAccount handler,
        GetAccount get,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/accounts", id =>
            get.HandleAsync(id, ct)
        );
    }

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> UpdateAsync(
        int id,
        EditAccountInput input,
        UpdateAccount handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => get.HandleAsync(i, ct), id);

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> DisableAsync(
        int id,
        DisableAccount handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, true, ct), i => get.HandleAsync(i, ct));

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> EnableAsync(
        int id,
        DisableAccount handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, false, ct), i => get.HandleAsync(i, ct));

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> UnlockAsync(
        int id,
        UnlockAccount handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, ct), i => get.HandleAsync(i, ct));

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> AddAssignmentAsync(
        int id,
        AssignmentInput input,
        GrantRole handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), _ => get.HandleAsync(id, ct));

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> RevokeTokenAsync(
        int id,
        int tokenId,
        RevokeAccountToken handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, tokenId, ct), _ => get.HandleAsync(id, ct));

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> RemoveAssignmentAsync(
        int id,
        int assignmentId,
        RevokeRole handler,
        GetAccount get,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, assignmentId, ct), _ => get.HandleAsync(id, ct));
}
