using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Features.Programs;

/// <summary>A conference as the API returns it: the same reading as the page (<see cref="GetConference"/>).</summary>
public sealed record ConferenceApi(
    int Id,
    int UnitId,
    string UnitName,
    ConferenceType Type,
    string Title,
    DateOnly HeldOn,
    string? Place,
    string? Agenda,
    string? Conclusions,
    IReadOnlyList<ConferenceOption> Participants,
    IReadOnlyList<ConferenceModelRow> Models,
    IReadOnlyList<CommitmentRow> Commitments,
    int Version
)
{
    public static ConferenceApi From(ConferenceView v) =>
        new(
            v.Conference.Id,
            v.Conference.UnitId,
            v.UnitName,
            v.Conference.Type,
            v.Conference.Title,
            v.Conference.HeldOn,
            v.Conference.Place,
            v.Conference.Agenda,
            v.Conference.Conclusions,
            v.Participants,
            v.Models,
            v.Commitments,
            v.Conference.Version
        );
}

/// <summary>/api/v1/conferences with the pages' permissions and handlers, and the conferences' documents.</summary>
public static class ConferenceEndpoints
{
    public static void MapConferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var view = RolePermissions.PolicyName(Permission.ProgramsView);
        var write = RolePermissions.PolicyName(Permission.ProgramsWrite);
        var conferences = app.MapGroup("/api/v1/conferences")
            .WithTags("Conferences")
            .RequireAuthorization(AuthSetup.ApiPolicy, view);
        conferences.MapGet("", ListAsync).WithName("ListConferences");
        conferences.MapPost("", CreateAsync).WithName("CreateConference").RequireAuthorization(write);
        conferences.MapGet("/{id:int}", GetAsync).WithName("GetConference");
        conferences.MapPut("/{id:int}", UpdateAsync).WithName("UpdateConference").RequireAuthorization(write);
        conferences
            .MapPost("/{id:int}/commitments", CreateCommitmentAsync)
            .WithName("CreateCommitment")
            .RequireAuthorization(write);
        conferences
            .MapPut("/{id:int}/commitments/{commitmentId:int}", UpdateCommitmentAsync)
            .WithName("UpdateCommitment")
            .RequireAuthorization(write);
        // The replication is the registry's: ModelsEdit at the committing unit, checked by its handler.
        conferences
            .MapPost("/{id:int}/commitments/{commitmentId:int}/replicate", ReplicateAsync)
            .WithName("ReplicateCommitment")
            .RequireAuthorization(RolePermissions.PolicyName(Permission.ModelsEdit));
        // The conference's documents: attached by the host's officers and leaders (ConferenceDocumentOwner).
        conferences.MapDocuments(app, CaseKind.Conference, pagePolicy: view, attachPolicy: write);
    }

    private static async Task<Ok<ListPage<ConferenceListRow>>> ListAsync(
        ListConferences handler,
        int? unitId,
        int? year,
        ConferenceType? type,
        string? q,
        string? after,
        int? limit,
        CancellationToken ct
    ) => TypedResults.Ok(await handler.HandleAsync(new ConferenceQuery(unitId, year, type, q, after, limit ?? 50), ct));

    private static async Task<Results<Ok<ConferenceApi>, ProblemHttpResult>> GetAsync(
        int id,
        GetConference handler,
        CancellationToken ct
    ) =>
        await handler.HandleAsync(id, ct) is { } v
            ? TypedResults.Ok(ConferenceApi.From(v))
            : Problems.From(new NotFoundError(SharedResource.Conferences_NotFound));

    private static async Task<Results<Created<ConferenceApi>, ProblemHttpResult>> CreateAsync(
        ConferenceInput input,
        HttpRequest request,
        SaveConference handler,
        GetConference read,
        CancellationToken ct
    )
    {
        input.SubmissionId ??= ApiResults.IdempotencyKey(request);
        return await ApiResults.CreatedAsync(await handler.CreateAsync(input, ct), "/api/v1/conferences", id =>
            ReadAsync(read, id, ct)
        );
    }

    private static async Task<Results<Ok<ConferenceApi>, ProblemHttpResult>> UpdateAsync(
        int id,
        ConferenceInput input,
        SaveConference handler,
        GetConference read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.UpdateAsync(id, input, ct), i => ReadAsync(read, i, ct), id);

    private static async Task<Results<Ok<ConferenceApi>, ProblemHttpResult>> CreateCommitmentAsync(
        int id,
        CommitmentInput input,
        SaveCommitment handler,
        GetConference read,
        CancellationToken ct
    ) => await ApiResults.OkAsync(await handler.CreateAsync(id, input, ct), _ => ReadAsync(read, id, ct));

    private static async Task<Results<Ok<ConferenceApi>, ProblemHttpResult>> UpdateCommitmentAsync(
        int id,
        int commitmentId,
        CommitmentInput input,
        SaveCommitment handler,
        GetConference read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.UpdateAsync(id, commitmentId, input, ct),
            _ => ReadAsync(read, id, ct),
            id
        );

    private static async Task<Results<Ok<ConferenceApi>, ProblemHttpResult>> ReplicateAsync(
        int id,
        int commitmentId,
        CommitmentReplicationInput input,
        ReplicateCommitment handler,
        GetConference read,
        CancellationToken ct
    ) =>
        await ApiResults.OkAsync(
            await handler.HandleAsync(id, commitmentId, input, ct),
            _ => ReadAsync(read, id, ct),
            id
        );

    private static async Task<ConferenceApi?> ReadAsync(GetConference read, int id, CancellationToken ct) =>
        await read.HandleAsync(id, ct) is { } v ? ConferenceApi.From(v) : null;
}

/// <summary>A conference's documents (the invitation, the papers presented, the conclusions): attached by the host's
/// own officers and leaders, read by whoever reads the conference (<see cref="ConferenceAccess"/>).</summary>
internal sealed class ConferenceDocumentOwner(
    DanVanDbContext db,
    ICurrentUser user,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L
) : IDocumentOwner
{
    public CaseKind Kind => CaseKind.Conference;

    public string NotFoundMessage => L["Conferences_NotFound"];

    public async Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Conferences.Where(c => c.Id == ownerId).Where(ConferenceAccess.Visible(user)),
            ct
        );

    public bool MayAttach(IUnitScoped owner) => owner is ThematicConference c && ProgramRules.MayWrite(user, c.UnitId);

    public IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(d =>
            d.ConferenceId == ownerId && db.Conferences.Where(ConferenceAccess.Visible(user)).Any(c => c.Id == ownerId)
        );
}
