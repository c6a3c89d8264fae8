using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Infrastructure.Imports;

/// <summary>The HTTP side every records import shares: the API's check-or-commit of an uploaded file, the template,
/// and the page's copy of a staged file with its problems in a column.</summary>
internal static class RecordImportEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public delegate Task<RecordImportResult> Run(Stream content, string fileName, CancellationToken ct);

    /// <summary>Checks a file (multipart field "file"); with preview=false also writes it, all or nothing. A commit
    /// with problems is a 400 whose "problems" list the rows and columns.</summary>
    public static async Task<Results<Ok<RecordImportResult>, ProblemHttpResult>> ImportAsync(
        IFormFile? file,
        bool? preview,
        Run check,
        Run commit,
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
                    string.Format(
                        System.Globalization.CultureInfo.CurrentCulture,
                        SharedResource.Import_TooLarge,
                        TabularFile.MaxBytes / 1024 / 1024
                    )
                )
            );
        }

        await using var stream = file.OpenReadStream();
        var committing = preview == false;
        var result = committing ? await commit(stream, file.FileName, ct) : await check(stream, file.FileName, ct);
        return result.HasProblems && committing
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: SharedResource.Import_HasProblems,
                extensions: new Dictionary<string, object?> { ["problems"] = result.Problems }
            )
            : TypedResults.Ok(result);
    }

    /// <summary>The staged file of the caller (from the page's check) again, with a problem column.</summary>
    public static async Task<IResult> ProblemsCopyAsync(
        Guid id,
        string purpose,
        UploadStaging staging,
        Run check,
        CancellationToken ct
    )
    {
        if (await staging.FindAsync(id, purpose, ct) is not { } staged)
        {
            return Problems.From(new NotFoundError(SharedResource.Import_Expired));
        }

        var result = await check(new MemoryStream(staged.Content, writable: false), staged.FileName, ct);
        return await RecordImport.ProblemsCopyAsync(staged.Content, staged.FileName, result.Problems, ct);
    }
}
