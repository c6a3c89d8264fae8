using System.Globalization;
using System.Security.Claims;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DanVan.Web.Infrastructure.Exports;

/// <summary>What the API says about an export running in the background.</summary>
public sealed record ExportJobView(
    Guid Id,
    ExportJobStatus Status,
    long Rows,
    string? FileName,
    long Bytes,
    DateTime CreatedAt,
    DateTime? FinishedAt,
    string? Error,
    string? Download
);

/// <summary>
/// Any export endpoint runs in the background when asked (<c>background=true</c>): the request, once authorized, is
/// queued as a job for the caller and answered at once — a page is sent to <c>/exports/{id}</c>, which shows the
/// progress and then the download link; the API gets 202 with the job's address.
/// </summary>
internal sealed class BackgroundExportFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Query["background"] is not ["true" or "1"])
        {
            return await next(context);
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        var name = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (user.AccountId is not { } account || name is null)
        {
            return Results.Forbid();
        }

        var query = string.Join(
            '&',
            http.Request.Query.Where(q => q.Key != "background")
                .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
        );
        var db = http.RequestServices.GetRequiredService<DanVanDbContext>();
        var job = new ExportJob
        {
            Id = Guid.NewGuid(),
            AccountId = account,
            Endpoint = name,
            Path = http.Request.Path.Value ?? "",
            Query = query.Length > 2000 ? query[..2000] : query,
            Culture = CultureInfo.CurrentUICulture.Name,
            CreatedAt = db.UtcNow,
        };
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(http.RequestAborted);
        return http.Request.Path.StartsWithSegments("/api")
            ? Results.Accepted($"/api/v1/exports/{job.Id}", BackgroundExports.View(job, api: true))
            : Results.Redirect($"/exports/{job.Id}");
    }
}

/// <summary>
/// Runs the queued exports (ADR-0027): each job replays its export endpoint inside a scope of its own, as the account
/// that asked (its current rights, loaded by the same code as a request's), with the response written to a temporary
/// file that is then kept in the database in chunks of a megabyte. The rows written so far are saved every two seconds
/// (<see cref="TableExport"/> counts them). A job is claimed by one instance only (a conditional update); a job left
/// running by a stopped instance is queued again after <see cref="StaleAfter"/>; jobs are deleted after
/// <see cref="KeepFor"/>.
/// </summary>
public sealed class BackgroundExports(IServiceScopeFactory scopes, ILogger<BackgroundExports> log)
{
    public const int ChunkBytes = 1024 * 1024;
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    public static ExportJobView View(ExportJob j, bool api) =>
        new(
            j.Id,
            j.Status,
            j.Rows,
            j.FileName,
            j.Bytes,
            j.CreatedAt,
            j.FinishedAt,
            j.Error,
            j.Status == ExportJobStatus.Done
                ? (api ? $"/api/v1/exports/{j.Id}/download" : $"/exports/{j.Id}/download")
                : null
        );

    /// <summary>Runs every queued job, oldest first; returns how many ran. Also requeues stale jobs and deletes expired
    /// ones.</summary>
    public async Task<int> RunPendingAsync(CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var now = db.UtcNow;
            var stale = now - StaleAfter;
            await db
                .ExportJobs.Where(j => j.Status == ExportJobStatus.Running && j.StartedAt < stale)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Queued), ct);
            var expired = now - KeepFor;
            await db.ExportJobs.Where(j => j.CreatedAt < expired).ExecuteDeleteAsync(ct);
        }

        var ran = 0;
        while (await NextAsync(ct) is { } id)
        {
            await RunAsync(id, ct);
            ran++;
        }

        return ran;
    }

    /// <summary>Claims the oldest queued job for this instance (null when there is none).</summary>
    private async Task<Guid?> NextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        while (true)
        {
            var next = await db
                .ExportJobs.Where(j => j.Status == ExportJobStatus.Queued)
                .OrderBy(j => j.CreatedAt)
                .Select(j => (Guid?)j.Id)
                .FirstOrDefaultAsync(ct);
            if (next is not { } id)
            {
                return null;
            }

            var now = db.UtcNow;
            var claimed = await db
                .ExportJobs.Where(j => j.Id == id && j.Status == ExportJobStatus.Queued)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(j => j.Status, ExportJobStatus.Running).SetProperty(j => j.StartedAt, now),
                    ct
                );
            if (claimed == 1)
            {
                return id;
            }
        }
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"danvan-job-{id:N}");
        var rows = new TableExport.RowCount();
        using var progress = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var saving = SaveProgressAsync(id, rows, progress.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            // The rows come from the read replica while it is current (ADR-0034); the job and the caller's rights from
            // the primary.
            services.GetRequiredService<ReadIntent>().FromReplica = true;
            var db = services.GetRequiredKeyedService<DanVanDbContext>(ReadReplica.PrimaryKey);
            var job = await db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
            var endpoint = services
                .GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .SingleOrDefault(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == job.Endpoint);
            if (endpoint?.RequestDelegate is not { } handler)
            {
                await FinishAsync(id, ExportJobStatus.Failed, rows.Value, null, null, 0, "unknown export", ct);
                return;
            }

            var culture = CultureInfo.GetCultureInfo(Localization.Cultures.Normalize(job.Culture));
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;

            // The request as the account: a token sign-in (no cookie's stamp to compare), its rights loaded by the
            // very middleware every request goes through, which refuses a disabled account.
            var http = new DefaultHttpContext { RequestServices = services };
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = job.Path;
            http.Request.QueryString = new QueryString("?" + job.Query);
            http.User = new ClaimsPrincipal(
                new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, job.AccountId.ToString(CultureInfo.InvariantCulture))],
                    TokenAuthentication.SchemeName
                )
            );
            http.SetEndpoint(endpoint);
            ApplyRouteValues(http, endpoint);
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                http.Response.Body = file;
                http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(file));
                var user = services.GetRequiredService<CurrentUser>();
                using (TableExport.Counting(rows))
                {
                    await new CurrentUserMiddleware(async context =>
                    {
                        if (!user.IsAuthenticated)
                        {
                            context.Response.StatusCode = StatusCodes.Status403Forbidden;
                            return;
                        }

                        await handler(context);
                    }).InvokeAsync(http, user, db, services.GetRequiredService<IOptions<IdentityOptions>>());
                }
            }

            if (http.Response.StatusCode != StatusCodes.Status200OK)
            {
                await FinishAsync(
                    id,
                    ExportJobStatus.Failed,
                    rows.Value,
                    null,
                    null,
                    0,
                    $"status {http.Response.StatusCode}",
                    ct
                );
                return;
            }

            var disposition = ContentDispositionHeaderValue.TryParse(
                http.Response.Headers.ContentDisposition.ToString(),
                out var parsed
            )
                ? parsed.FileNameStar.Value ?? parsed.FileName.Value?.Trim('"')
                : null;
            var bytes = await StoreAsync(id, path, ct);
            await FinishAsync(
                id,
                ExportJobStatus.Done,
                rows.Value,
                disposition ?? $"export-{id:N}",
                http.Response.ContentType,
                bytes,
                null,
                ct
            );
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "The background export {Job} failed", id);
            await FinishAsync(
                id,
                ExportJobStatus.Failed,
                rows.Value,
                null,
                null,
                0,
                e.GetType().Name,
                CancellationToken.None
            );
        }
        finally
        {
            await progress.CancelAsync();
            await saving;
            File.Delete(path);
        }
    }

    /// <summary>The route's values from the path (an export of one model's replications, of one campaign's
    /// figures).</summary>
    private static void ApplyRouteValues(HttpContext http, RouteEndpoint endpoint)
    {
        var matcher = new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
            new Microsoft.AspNetCore.Routing.Template.RouteTemplate(endpoint.RoutePattern),
            new RouteValueDictionary()
        );
        var values = new RouteValueDictionary();
        if (matcher.TryMatch(http.Request.Path, values))
        {
            foreach (var (key, value) in values)
            {
                http.Request.RouteValues[key] = value;
            }
        }
    }

    private async Task<long> StoreAsync(Guid id, string path, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var file = File.OpenRead(path);
        var buffer = new byte[ChunkBytes];
        var sequence = 0;
        long total = 0;
        while (true)
        {
            var read = await file.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, ct);
            if (read == 0)
            {
                break;
            }

            db.ExportJobChunks.Add(
                new ExportJobChunk
                {
                    JobId = id,
                    Sequence = sequence++,
                    Content = buffer[..read],
                }
            );
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += read;
        }

        await transaction.CommitAsync(ct);
        return total;
    }

    private async Task FinishAsync(
        Guid id,
        ExportJobStatus status,
        long rows,
        string? fileName,
        string? contentType,
        long bytes,
        string? error,
        CancellationToken ct
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var now = db.UtcNow;
        await db
            .ExportJobs.Where(j => j.Id == id)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(j => j.Status, status)
                        .SetProperty(j => j.Rows, rows)
                        .SetProperty(j => j.FileName, fileName)
                        .SetProperty(j => j.ContentType, contentType)
                        .SetProperty(j => j.Bytes, bytes)
                        .SetProperty(j => j.Error, error)
                        .SetProperty(j => j.FinishedAt, now),
                ct
            );
    }

    private async Task SaveProgressAsync(Guid id, TableExport.RowCount rows, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
                var value = rows.Value;
                await db
                    .ExportJobs.Where(j => j.Id == id && j.Status == ExportJobStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Rows, value), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The export is over.
        }
    }
}

/// <summary>Runs the queued exports every few seconds (not in tests: they call
/// <see cref="BackgroundExports.RunPendingAsync"/>). <c>Exports:PollSeconds</c> = 0 turns it off in this
/// instance.</summary>
internal sealed class BackgroundExportService(
    BackgroundExports exports,
    IConfiguration configuration,
    ILogger<BackgroundExportService> log
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Exports:PollSeconds", 3);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        do
        {
            try
            {
                await exports.RunPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The background exports failed; they run again at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class BackgroundExportEndpoints
{
    /// <summary>The export may be asked to run in the background (<c>background=true</c>).</summary>
    public static TBuilder RunsInBackground<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(new BackgroundExportFilter());
}

/// <summary>The caller's background exports: their state (API) and their files (page and API), the account's own
/// only.</summary>
public static class ExportJobEndpoints
{
    public static void MapExportJobEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/exports").WithTags("Exports").RequireAuthorization(AuthSetup.ApiPolicy);
        api.MapGet("/{id:guid}", GetAsync).WithName("GetExportJob");
        api.MapGet("/{id:guid}/download", DownloadAsync).WithName("DownloadExportJob");
        app.MapGet("/exports/{id:guid}/download", DownloadAsync)
            .WithName("DownloadExportJobPage")
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    private static async Task<IResult> GetAsync(Guid id, DanVanDbContext db, ICurrentUser user, CancellationToken ct) =>
        await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.AccountId == user.AccountId, ct)
            is { } job
            ? TypedResults.Ok(BackgroundExports.View(job, api: true))
            : Errors.Problems.From(new Errors.NotFoundError(Resources.SharedResource.Exports_NotFound));

    /// <summary>The file, read a chunk a statement and written as it is read.</summary>
    private static async Task DownloadAsync(Guid id, HttpContext http, DanVanDbContext db, ICurrentUser user)
    {
        var ct = http.RequestAborted;
        var job = await db
            .ExportJobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == id && j.AccountId == user.AccountId, ct);
        if (job is not { Status: ExportJobStatus.Done })
        {
            await Errors
                .Problems.From(new Errors.NotFoundError(Resources.SharedResource.Exports_NotFound))
                .ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = job.ContentType ?? "application/octet-stream";
        http.Response.ContentLength = job.Bytes;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = job.FileName,
        }.ToString();
        for (var sequence = 0; ; sequence++)
        {
            var at = sequence;
            var chunk = await db
                .ExportJobChunks.AsNoTracking()
                .Where(c => c.JobId == id && c.Sequence == at)
                .Select(c => c.Content)
                .SingleOrDefaultAsync(ct);
            if (chunk is null)
            {
                break;
            }

            await http.Response.Body.WriteAsync(chunk, ct);
        }
    }
}
