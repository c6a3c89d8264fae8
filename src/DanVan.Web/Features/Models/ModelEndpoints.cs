using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Models;

/// <summary>/api/v1/models: the models of the caller's subtrees, their lifecycle steps, results and counts.</summary>
public static partial class ModelEndpoints
{
    public static void MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.ModelsView);
        var edit = RolePermissions.PolicyName(Permission.ModelsEdit);
        var group = app.MapGroup("/api/v1/models").WithTags("Models").RequireAuthorization(AuthSetup.ApiPolicy, view);
        group.MapGet("", ListAsync).WithName("ListModels");
        group.MapGet("/{id:int}", GetAsync).WithName("GetModel");
        group.MapPost("", CreateAsync).WithName("CreateModel").RequireAuthorization(edit);
        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateModel").RequireAuthorization(edit);
        group.MapPost("/{id:int}/steps", StepAsync).WithName("TakeModelStep");
        group.MapPut("/{id:int}/results", RecordResultAsync).WithName("RecordModelResult").RequireAuthorization(edit);
        group
            .MapDelete("/{id:int}/results/{resultId:int}", DeleteResultAsync)
            .WithName("DeleteModelResult")
            .RequireAuthorization(edit);
        group.MapGet("/{id:int}/replications", ListReplicationsAsync).WithName("ListModelReplications");
        group.MapPost("/{id:int}/replications", ReplicateAsync).WithName("ReplicateModel").RequireAuthorization(edit);

        var replications = app.MapGroup("/api/v1/replications")
            .WithTags("Models")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        replications.MapGet("/{id:int}", GetReplicationAsync).WithName("GetReplication");
        replications
            .MapPut("/{id:int}", UpdateReplicationAsync)
            .WithName("UpdateReplication")
            .RequireAuthorization(edit);
        replications
            .MapPut("/{id:int}/results", RecordReplicationResultAsync)
            .WithName("RecordReplicationResult")
            .RequireAuthorization(edit);

        MapFiles(app, group, view, edit);

        // Attachments: downloads for the signed-in pages and the API, photos of library models for everyone.
        app.MapGet("/models/{id:int}/attachments/{attachmentId:int}", DownloadAsync)
            .WithName("DownloadModelAttachmentPage")
            .RequireAuthorization(view)
            .ExcludeFromDescription();
        app.MapGet("/library/{id:int}/photos/{attachmentId:int}", PublicPhotoAsync)
            .WithName("LibraryPhoto")
            .AllowAnonymous()
            .ExcludeFromDescription();
        group.MapGet("/{id:int}/attachments/{attachmentId:int}", DownloadAsync).WithName("DownloadModelAttachment");
        group
            .MapPost("/{id:int}/attachments", AttachAsync)
            .WithName("AttachToModel")
            .RequireAuthorization(edit)
            .DisableAntiforgery();
        group
            .MapDelete("/{id:int}/attachments/{attachmentId:int}", DeleteAttachmentAsync)
            .WithName("DeleteModelAttachment")
            .RequireAuthorization(edit);

        group.MapPost("/{id:int}/evaluations", EvaluateAsync).WithName("EvaluateModel");
        group.MapGet("/{id:int}/evaluations", ListEvaluationsAsync).WithName("ListModelEvaluations");

        var reviews = app.MapGroup("/api/v1/model-reviews")
            .WithTags("Models")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        reviews.MapGet("", ListReviewsAsync).WithName("ListModelReviews");
        reviews.MapGet("/{id:int}", GetReviewAsync).WithName("GetModelReview");
        reviews.MapPost("", CreateReviewAsync).WithName("CreateModelReview").RequireAuthorization(edit);
        reviews.MapPut("/{id:int}", SaveReviewAsync).WithName("SaveModelReview").RequireAuthorization(edit);

        var catalogues = app.MapGroup("/api/v1").WithTags("Models").RequireAuthorization(AuthSetup.ApiPolicy, view);
        catalogues.MapGet("/model-fields", FieldsAsync).WithName("ListModelFields");
        catalogues.MapGet("/result-indicators", IndicatorsAsync).WithName("ListResultIndicators");
        catalogues.MapGet("/rubrics", RubricsAsync).WithName("ListRubrics");
        var configure = RolePermissions.PolicyName(Permission.ModelsConfigure);
        catalogues.MapPost("/model-fields", AddFieldAsync).WithName("AddModelField").RequireAuthorization(configure);
        catalogues
            .MapPost("/result-indicators", AddIndicatorAsync)
            .WithName("AddResultIndicator")
            .RequireAuthorization(configure);
        catalogues.MapPost("/rubrics", PublishRubricAsync).WithName("PublishRubric").RequireAuthorization(configure);
    }

    private static async Task<Ok<ListPage<ModelListRow>>> ListAsync(
        ListModels handler,
        int? unitId,
        int? fieldId,
        ModelKind? kind,
        ModelStatus? status,
        RecognitionLevel? level,
        int? year,
        int? indicatorId,
        string? q,
        string? after,
        int? limit,
        CancellationToken ct
    ) =>
        TypedResults.Ok(
            await handler.HandleAsync(
                new ModelQuery(unitId, fieldId, kind, status, level, year, indicatorId, q, after, limit ?? 50),
                ct
            )
        );

    private static async Task<Results<Ok<ModelApiDetail>, ProblemHttpResult>> GetAsync(
        int id,
        GetModel handler,
        CancellationToken ct
    ) =>
        await ReadAsync(handler, id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.From(new NotFoundError(Resources.SharedResource.Models_NotFound));

    private static async Task<Results<Created<ModelApiDetail>, ProblemHttpResult>> CreateAsync(
        ModelInput input,
        HttpRequest request,
        CreateModel handler,
        GetModel read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/models", id =>
            ReadAsync(read, id, ct)
        );
    }

    private static async Task<Results<Ok<ModelApiDetail>, ProblemHttpResult>> UpdateAsync(
        int id,
        ModelInput input,
        UpdateModel handler,
        GetModel read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => ReadAsync(read, i, ct), id);

    private static async Task<Results<Ok<ModelApiDetail>, ProblemHttpResult>> StepAsync(
        int id,
        ModelStepInput input,
        TransitionModel handler,
        GetModel read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => ReadAsync(read, i, ct), id);

    private static async Task<Results<Ok<ModelApiDetail>, ProblemHttpResult>> RecordResultAsync(
        int id,
        ModelResultInput input,
        RecordModelResult handler,
        GetModel read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), _ => ReadAsync(read, id, ct), id);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteResultAsync(
        int id,
        int resultId,
        DeleteModelResult handler,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, resultId, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        int id,
        int attachmentId,
        CaseDocuments documents,
        CancellationToken ct
    ) =>
        await documents.ReadAsync(CaseKind.Model, id, attachmentId, ct) is { } file
            ? TypedResults.File(file.Bytes, file.Document.ContentType, file.Document.FileName)
            : Problems.From(new NotFoundError(Resources.SharedResource.Models_NotFound));

    private static async Task<Results<FileContentHttpResult, NotFound>> PublicPhotoAsync(
        int id,
        int attachmentId,
        CaseDocuments documents,
        CancellationToken ct
    ) =>
        await documents.ReadPublicAsync(CaseKind.Model, id, attachmentId, ct) is { } file
            ? TypedResults.File(file.Bytes, file.Document.ContentType)
            : TypedResults.NotFound();

    private static async Task<Results<Created<AttachmentRow>, ProblemHttpResult>> AttachAsync(
        int id,
        IFormFile file,
        [Microsoft.AspNetCore.Mvc.FromForm] string? caption,
        CaseDocuments documents,
        CancellationToken ct
    )
    {
        if (file.Length > AttachmentRules.MaxBytes)
        {
            return Problems.From(
                ValidationError.For(Resources.SharedResource.Val_FixBelow, "file", Resources.SharedResource.Val_Invalid)
            );
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await documents.AttachAsync(CaseKind.Model, id, file.FileName, buffer.ToArray(), caption, ct);
        if (!result.IsOk)
        {
            return Problems.From(result.Error);
        }

        var row = await documents.RowAsync(result.Value, ct);
        return TypedResults.Created(
            $"/api/v1/models/{id}/attachments/{row.Id}",
            new AttachmentRow(row.Id, row.FileName, row.Type, row.Size, row.Caption, row.CreatedAt)
        );
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAttachmentAsync(
        int id,
        int attachmentId,
        CaseDocuments documents,
        CancellationToken ct
    )
    {
        var result = await documents.RemoveAsync(CaseKind.Model, id, attachmentId, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<List<EvaluationRow>>, ProblemHttpResult>> EvaluateAsync(
        int id,
        EvaluationInput input,
        EvaluateModel handler,
        GetModel read,
        CancellationToken ct
    )
    {
        var result = await handler.HandleAsync(id, input, ct);
        return result.IsOk ? TypedResults.Ok(await read.EvaluationsAsync(id, ct)) : Problems.From(result.Error);
    }

    private static async Task<Results<Ok<List<EvaluationRow>>, ProblemHttpResult>> ListEvaluationsAsync(
        int id,
        GetModel handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct, full: false) is not null
            ? TypedResults.Ok(await handler.EvaluationsAsync(id, ct))
            : Problems.From(new NotFoundError(Resources.SharedResource.Models_NotFound));

    private static async Task<Ok<List<ReviewRow>>> ListReviewsAsync(ModelReviews handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(ct));

    private static async Task<Results<Ok<ReviewDetail>, ProblemHttpResult>> GetReviewAsync(
        int id,
        ModelReviews handler,
        CancellationToken ct
    ) =>
        await handler.GetAsync(id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.From(new NotFoundError(Resources.SharedResource.Models_ReviewNotFound));

    private static async Task<Results<Created<ReviewDetail>, ProblemHttpResult>> CreateReviewAsync(
        ReviewInput input,
        ModelReviews handler,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(await handler.SaveAsync(null, input, ct), "/api/v1/model-reviews", i =>
            handler.GetAsync(i, ct)
        );

    private static async Task<Results<Ok<ReviewDetail>, ProblemHttpResult>> SaveReviewAsync(
        int id,
        ReviewInput input,
        ModelReviews handler,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.SaveAsync(id, input, ct), i => handler.GetAsync(i, ct), id);

    private static async Task<Results<Ok<IReadOnlyList<ReplicationRow>>, ProblemHttpResult>> ListReplicationsAsync(
        int id,
        GetModel handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct, full: false) is { } model
            ? TypedResults.Ok(model.Replications)
            : Problems.From(new NotFoundError(Resources.SharedResource.Models_NotFound));

    private static async Task<Results<Created<ReplicationDetail>, ProblemHttpResult>> ReplicateAsync(
        int id,
        ReplicationInput input,
        HttpRequest request,
        ReplicateModel handler,
        GetReplication read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.HandleAsync(id, input, ct), "/api/v1/replications", i =>
            read.HandleAsync(i, ct)
        );
    }

    private static async Task<Results<Ok<ReplicationDetail>, ProblemHttpResult>> GetReplicationAsync(
        int id,
        GetReplication handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.From(new NotFoundError(Resources.SharedResource.Models_ReplicationNotFound));

    private static async Task<Results<Ok<ReplicationDetail>, ProblemHttpResult>> UpdateReplicationAsync(
        int id,
        ReplicationInput input,
        UpdateReplication handler,
        GetReplication read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.HandleAsync(id, input, ct), i => read.HandleAsync(i, ct), id);

    private static async Task<Results<Ok<ReplicationDetail>, ProblemHttpResult>> RecordReplicationResultAsync(
        int id,
        ModelResultInput input,
        RecordModelResult handler,
        GetReplication read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.ForReplicationAsync(id, input, ct), _ => read.HandleAsync(id, ct), id);

    private static async Task<Ok<List<CatalogueRow>>> FieldsAsync(ReadCatalogue handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.FieldsAsync(ct));

    private static async Task<Ok<List<CatalogueRow>>> IndicatorsAsync(ReadCatalogue handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.IndicatorsAsync(ct));

    private static async Task<Ok<List<RubricRow>>> RubricsAsync(ReadCatalogue handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.RubricsAsync(ct));

    private static async Task<Results<Created<CatalogueRow>, ProblemHttpResult>> AddFieldAsync(
        CatalogueInput input,
        ConfigureCatalogue handler,
        ReadCatalogue read,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(await handler.AddFieldAsync(input, ct), "/api/v1/model-fields", id =>
            read.FieldAsync(id, ct)
        );

    private static async Task<Results<Created<CatalogueRow>, ProblemHttpResult>> AddIndicatorAsync(
        CatalogueInput input,
        ConfigureCatalogue handler,
        ReadCatalogue read,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(await handler.AddIndicatorAsync(input, ct), "/api/v1/result-indicators", id =>
            read.IndicatorAsync(id, ct)
        );

    private static async Task<Results<Created<RubricRow>, ProblemHttpResult>> PublishRubricAsync(
        RubricInput input,
        PublishRubric handler,
        ReadCatalogue read,
        CancellationToken ct
    ) =>
        await ApiResults.CreatedAsync(await handler.HandleAsync(input, ct), "/api/v1/rubrics", id =>
            read.RubricAsync(id, ct)
        );

    private static async Task<ModelApiDetail?> ReadAsync(GetModel handler, int id, CancellationToken ct)
    {
        if (await handler.HandleAsync(id, ct, full: false) is not { } d)
        {
            return null;
        }

        var m = d.Model;
        return new ModelApiDetail(
            m.Id,
            m.UnitId,
            d.UnitName,
            m.OrganizationId,
            d.OrganizationName,
            m.Kind,
            m.FieldId,
            d.FieldName,
            m.Status,
            m.Name,
            m.Situation,
            m.Goals,
            m.Content,
            m.AreaAndBeneficiaries,
            m.Forces,
            m.Resources,
            m.Timeline,
            m.Outputs,
            m.Sustainability,
            m.StartDate,
            m.EvaluationDate,
            m.EndDate,
            m.TargetGroup,
            m.Tags,
            m.PersonName,
            m.PublishPersonName,
            m.IsPublic,
            m.RegisteredOn,
            m.LaunchedOn,
            m.LaunchCommitments,
            m.InspectedOn,
            m.InspectionFindings,
            m.RecognitionLevel,
            m.RecognitionDecision,
            m.RecognizedOn,
            m.RecognitionIssuer,
            m.NotRecognizedReason,
            m.CommendationForm,
            m.CommendationDecision,
            m.CommendedOn,
            m.CommendationIssuer,
            m.StatusNote,
            m.Version,
            d.Results,
            d.Events,
            d.Steps
        );
    }
}
