using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace DanVan.Web.Features.Documents;

/// <summary>
/// The one shape of the document routes, mapped by each owning feature into its own API group: upload (multipart) and
/// download under /api/v1/{owner}/{id}/documents, and the signed-in pages' download under
/// /{owner}/{id}/documents/{documentId}.
/// </summary>
public static class DocumentEndpoints
{
    /// <param name="api">The owner's API group (its policies apply).</param>
    /// <param name="pagePolicy">Who may open the page download at all (the owner's view permission).</param>
    /// <param name="attachPolicy">A policy the upload needs beyond the group's, if any.</param>
    public static void MapDocuments(
        this RouteGroupBuilder api,
        IEndpointRouteBuilder app,
        CaseKind kind,
        string pagePolicy,
        string? attachPolicy = null
    )
    {
        var attach = api.MapPost(
                "/{id:int}/documents",
                (int id, IFormFile file, [FromForm] string? caption, CaseDocuments handler, CancellationToken ct) =>
                    AttachAsync(kind, id, file, caption, handler, ct)
            )
            .WithName($"Attach{kind}Document")
            .DisableAntiforgery();
        if (attachPolicy is not null)
        {
            attach.RequireAuthorization(attachPolicy);
        }

        api.MapGet(
                "/{id:int}/documents/{documentId:int}",
                (int id, int documentId, CaseDocuments handler, CancellationToken ct) =>
                    DownloadAsync(kind, id, documentId, handler, ct)
            )
            .WithName($"Download{kind}Document");
        app.MapGet(
                $"/{CaseDocuments.PrefixOf(kind)}/{{id:int}}/documents/{{documentId:int}}",
                (int id, int documentId, CaseDocuments handler, CancellationToken ct) =>
                    DownloadAsync(kind, id, documentId, handler, ct)
            )
            .WithName($"Download{kind}DocumentPage")
            .RequireAuthorization(pagePolicy)
            .ExcludeFromDescription();
    }

    private static async Task<IResult> AttachAsync(
        CaseKind kind,
        int id,
        IFormFile file,
        string? caption,
        CaseDocuments handler,
        CancellationToken ct
    )
    {
        if (file.Length > AttachmentRules.MaxBytes)
        {
            return Problems.From(ValidationError.For(SharedResource.Val_FixBelow, "file", SharedResource.Val_Invalid));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await handler.AttachAsync(kind, id, file.FileName, buffer.ToArray(), caption, ct);
        if (!result.IsOk)
        {
            return Problems.From(result.Error);
        }

        var row = (await handler.ListAsync(kind, id, ct)).Single(d => d.Id == result.Value);
        return TypedResults.Created($"/api/v1/{CaseDocuments.PrefixOf(kind)}/{id}/documents/{row.Id}", row);
    }

    private static async Task<IResult> DownloadAsync(
        CaseKind kind,
        int id,
        int documentId,
        CaseDocuments handler,
        CancellationToken ct
    ) =>
        await handler.ReadAsync(kind, id, documentId, ct) is { } file
            ? Results.File(file.Bytes, file.Document.ContentType, file.Document.FileName)
            : Problems.From(new NotFoundError(SharedResource.Problem_NotFound));
}
