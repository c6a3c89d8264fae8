using System.Security.Cryptography;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Resources;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Net.Http.Headers;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// An API call made with an <c>Idempotency-Key</c> (QUALITY.md R3): the account's key, a hash of the request, and
/// once it is answered, the answer — replayed to a retry with the same key and request. Kept for a day.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>"{account}:{key}".</summary>
    public string Key { get; set; } = "";
    public int AccountId { get; set; }

    /// <summary>SHA-256 (hex) of the method, path, query and body (a form's fields and files, not its
    /// boundary).</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>The answer's status; null while the first request is in flight.</summary>
    public int? Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }

    /// <summary>The answer's body: it may hold what only the caller may see (a receipt's PIN), so the trail does
    /// not copy it.</summary>
    [AuditRedacted]
    public byte[]? Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.ToTable("IdempotentRequests");
        b.HasKey(r => r.Key);
        b.Property(r => r.Key).HasMaxLength(120);
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(400);
        b.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>
/// Every POST of the API with an <c>Idempotency-Key</c> header from a signed-in caller, the way payment APIs do it:
/// the first request is marked in flight (committed at once) and run; its answer (any status below 500, up to
/// 1 MB) is kept with the key. A retry with the same key and the same request gets that answer again, marked
/// <c>Idempotent-Replayed: true</c>; with another request, 422; while the first is still running, it waits for it
/// (up to <c>Api:IdempotencyWaitSeconds</c>, 10 by default) and then gets 409. A server error or an answer too
/// large to keep releases the key, so a retry runs again. The handlers' own create-once by key
/// (<see cref="Idempotency"/>) stays beneath, for the pages' form tokens.
/// </summary>
public sealed class IdempotencyKeyMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 100;
    private const int MaxStoredBytes = 1 << 20;

    /// <summary>An in-flight mark older than this belongs to a request that died with its instance.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(10);

    private readonly TimeSpan wait = TimeSpan.FromSeconds(configuration.GetValue("Api:IdempotencyWaitSeconds", 10.0));

    public async Task InvokeAsync(HttpContext context, ICurrentUser user, DanVanDbContext db, TimeProvider clock)
    {
        if (
            !HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.TryGetValue(Header, out var header)
            || user.AccountId is not { } account
        )
        {
            await next(context);
            return;
        }

        var key = header.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            await Problems
                .Problem(
                    StatusCodes.Status400BadRequest,
                    SharedResource.Problem_Validation,
                    SharedResource.Idempotency_KeyInvalid
                )
                .ExecuteAsync(context);
            return;
        }

        var hash = await RequestHashAsync(context.Request, context.RequestAborted);
        var id = $"{account}:{key}";
        var claimed = await ClaimAsync(db, id, account, hash, clock, context.RequestAborted);
        if (claimed is { } earlier)
        {
            await AnswerAsync(context, db, earlier, hash, clock);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status < 500 && buffer.Length <= MaxStoredBytes)
            {
                var body = buffer.ToArray();
                var type = context.Response.ContentType;
                var location = context.Response.Headers.Location.ToString();
                var now = clock.GetUtcNow().UtcDateTime;
                kept =
                    await db
                        .IdempotentRequests.Where(r => r.Key == id)
                        .ExecuteUpdateAsync(
                            s =>
                                s.SetProperty(r => r.Status, status)
                                    .SetProperty(r => r.ContentType, type)
                                    .SetProperty(r => r.Location, location.Length == 0 ? null : location)
                                    .SetProperty(r => r.Body, body)
                                    .SetProperty(r => r.CompletedAt, now),
                            CancellationToken.None
                        ) == 1;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                await db.IdempotentRequests.Where(r => r.Key == id).ExecuteDeleteAsync(CancellationToken.None);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Marks the key in flight for this request (null), or returns the row another request made.</summary>
    private static async Task<IdempotentRequest?> ClaimAsync(
        DanVanDbContext db,
        string id,
        int account,
        string hash,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Key == id, ct) is { } row)
            {
                if (row.Status is not null || row.RequestHash != hash || row.CreatedAt > now - Abandoned)
                {
                    return row;
                }

                // Abandoned by a request that died: take it over (once, whoever is first).
                if (
                    await db
                        .IdempotentRequests.Where(r => r.Key == id && r.Status == null && r.CreatedAt == row.CreatedAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), ct) == 1
                )
                {
                    return null;
                }

                continue;
            }

            db.IdempotentRequests.Add(
                new IdempotentRequest
                {
                    Key = id,
                    AccountId = account,
                    RequestHash = hash,
                    CreatedAt = now,
                }
            );
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // A twin marked it first: read what it marked.
                db.ChangeTracker.Clear();
            }
        }

        throw new InvalidOperationException($"The idempotency key {id} could not be claimed.");
    }

    /// <summary>The answer to a request whose key is taken: another request (422), the first still running
    /// (wait, then 409), or its kept answer.</summary>
    private async Task AnswerAsync(
        HttpContext context,
        DanVanDbContext db,
        IdempotentRequest row,
        string hash,
        TimeProvider clock
    )
    {
        if (row.RequestHash != hash)
        {
            await Problems
                .Problem(
                    StatusCodes.Status422UnprocessableEntity,
                    SharedResource.Problem_Validation,
                    SharedResource.Idempotency_KeyReused
                )
                .ExecuteAsync(context);
            return;
        }

        var until = clock.GetUtcNow() + wait;
        while (row.Status is null && clock.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
            var again = await db
                .IdempotentRequests.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Key == row.Key, context.RequestAborted);
            if (again is null)
            {
                // The first request failed and let the key go: this one may try.
                break;
            }

            row = again;
        }

        if (row.Status is not { } status)
        {
            await Problems
                .Problem(
                    StatusCodes.Status409Conflict,
                    SharedResource.Problem_Conflict,
                    SharedResource.Idempotency_InFlight
                )
                .ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (row.ContentType is { } type)
        {
            context.Response.ContentType = type;
        }

        if (row.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        if (row.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>SHA-256 (hex) of the method, path and query and the body; a multipart form counts by its parts'
    /// headers and contents, not its random boundary, so a client's retry of an upload is the same request.</summary>
    public static async Task<string> RequestHashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var boundary =
            MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
                : null;
        if (boundary is { Length: > 0 })
        {
            var reader = new MultipartReader(boundary, request.Body);
            try
            {
                while (await reader.ReadNextSectionAsync(ct) is { } section)
                {
                    foreach (var (name, value) in section.Headers ?? [])
                    {
                        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{name}:{value}\n"));
                    }

                    await AppendAsync(sha, section.Body, ct);
                }
            }
            catch (IOException)
            {
                // Not a well-formed form: the handler will say so; hash it as bytes.
                request.Body.Position = 0;
                await AppendAsync(sha, request.Body, ct);
            }
        }
        else
        {
            await AppendAsync(sha, request.Body, ct);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task AppendAsync(IncrementalHash sha, Stream stream, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }
    }
}

/// <summary>Deletes the kept answers of idempotent API calls after a day, every hour on one instance.</summary>
internal sealed class IdempotentRequestCleanup(
    JobLeases leases,
    TimeProvider clock,
    ILogger<IdempotentRequestCleanup> log
) : ScheduledJob(leases, clock, log)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public override string Name => "idempotency-cleanup";

    public override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task WorkAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<DanVanDbContext>();
        var before = Clock.GetUtcNow().UtcDateTime - KeepFor;
        var deleted = await db.IdempotentRequests.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            Log.LogInformation("Idempotency keys older than a day deleted: {Count}", deleted);
        }
    }
}
