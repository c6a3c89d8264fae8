using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Notifications;

/// <summary>
/// /api/v1/notifications: the caller's own notifications (any signed-in account, no permission needed), and
/// /notifications/{id}/open, the link the list and the e-mails use: it marks the notification read and goes on
/// to its record.
/// </summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications")
            .WithTags("Notifications")
            .RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("", ListAsync).WithName("ListNotifications");
        // The list as a file, for the signed-in page (cookie) and the API (token) alike.
        group.MapGet("/export", ExportAsync).WithName("ExportNotifications").RunsInBackground();
        app.MapGet("/notifications/export", ExportAsync)
            .WithName("ExportNotificationsPage")
            .RunsInBackground()
            .RequireAuthorization()
            .ExcludeFromDescription();
        group.MapPost("/read", MarkAllReadAsync).WithName("MarkAllNotificationsRead");
        group.MapPost("/{id:int}/read", MarkReadAsync).WithName("MarkNotificationRead");

        // A plain link (from the list or an e-mail): signed in with the cookie; signed out, the sign-in page brings
        // the reader back here.
        app.MapGet("/notifications/{id:int}/open", OpenAsync)
            .WithName("OpenNotification")
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    private static async Task<IResult> ExportAsync(
        ExportNotifications handler,
        string? format,
        bool? unreadOnly,
        CancellationToken ct
    ) =>
        Infrastructure.Exports.TableExport.Parse(format) is { } f
            ? await handler.HandleAsync(unreadOnly ?? false, f, ct)
            : Infrastructure.Errors.Problems.From(
                Infrastructure.Errors.ValidationError.For(
                    Resources.SharedResource.Val_FixBelow,
                    "format",
                    Resources.SharedResource.Export_Format
                )
            );

    private static async Task<Ok<ListPage<NotificationRow>>> ListAsync(
        MyNotifications handler,
        bool? unreadOnly,
        string? after,
        int? limit,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.ListAsync(unreadOnly ?? false, after, limit ?? MyNotifications.PageSize, ct));

    private static async Task<Ok<MarkedRead>> MarkAllReadAsync(MyNotifications handler, CancellationToken ct) =>
        TypedResults.Ok(new MarkedRead(await handler.MarkAllReadAsync(ct)));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(
        int id,
        MyNotifications handler,
        CancellationToken ct
    ) =>
        await handler.MarkReadAsync(id, ct)
            ? TypedResults.NoContent()
            : Problems.From(new NotFoundError(Resources.SharedResource.Notifications_NotFound));

    private static async Task<Results<RedirectHttpResult, NotFound>> OpenAsync(
        int id,
        MyNotifications handler,
        CancellationToken ct
    ) => await handler.OpenAsync(id, ct) is { } link ? TypedResults.LocalRedirect(link) : TypedResults.NotFound();
}

/// <summary>How many notifications a "mark all read" marked.</summary>
public sealed record MarkedRead(int Count);
