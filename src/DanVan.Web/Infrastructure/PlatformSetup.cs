using System.Text.Json.Serialization;
using DanVan.Web.Components;
using DanVan.Web.Features.Accounts.SignIn;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace DanVan.Web.Infrastructure;

/// <summary>What every feature stands on: database, sign-in, audit, languages, errors, API description.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddDanVanPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDanVanDatabase(builder.Configuration);
        if (
            builder.Configuration.GetConnectionString("ReadOnly") is { Length: > 0 }
            && !builder.Environment.IsEnvironment("Testing")
        )
        {
            // Tests measure the standby themselves (ReadReplica.CheckAsync).
            services.AddHostedService<ReplicaMonitor>();
        }
        services.AddDataProtection().SetApplicationName("DanVan").PersistKeysToDbContext<DanVanDbContext>();
        services.AddDanVanAuth(builder.Configuration);
        services.AddDanVanLocalization();
        // Vietnamese text goes out as UTF-8, not as numeric entities (three times smaller, and readable).
        services.AddWebEncoders(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(
                System.Text.Unicode.UnicodeRanges.All
            )
        );
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddSiteCookies();
        services.AddDanVanCompression();
        // A figure grid posts five fields a cell: a merged commune's hundred villages by three indicators is 1,500
        // values,
        // past the framework's default of 1,024 (answered 400, the officer's figures lost). Bodies stay bounded by
        // Kestrel.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueCountLimit = 20_000);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiBearer>());
        services.AddHealthChecks().AddDbContextCheck<DanVanDbContext>("database");

        // Behind a load balancer the client's address (for the sign-in limit and the audit trail) and the
        // scheme (for secure cookies) come from X-Forwarded-* headers, trusted only from listed proxies.
        var proxies = builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddScoped<UploadStaging>().AddScoped<SignInAudit>();
        services.AddSingleton<Exports.BackgroundExports>();
        services.Configure<Data.BackupOptions>(builder.Configuration.GetSection("Backup"));
        services.AddSingleton<Jobs.JobLeases>();
        services.AddScheduledJob<Data.ScheduledBackups>(builder.Environment);
        services.AddScheduledJob<Data.IdempotentRequestCleanup>(builder.Environment);
        if (!builder.Environment.IsEnvironment("Testing"))
        {
            services.AddHostedService<Exports.BackgroundExportService>();
        }

        return builder;
    }

    /// <summary>
    /// Applies migrations (unless Database:MigrateOnStartup is false) and, with --demo, loads the demo data that
    /// DanVan.Demo
    /// registers (<see cref="IDemoData"/>); --demo is refused without it, and in Production. In Production the app does
    /// not start with a database or mail connection to another host that is not encrypted (<see
    /// cref="Security.TransportSecurity"/>).
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, bool demo)
    {
        if (
            app.Environment.IsProduction()
            && Security.TransportSecurity.Problems(app.Configuration) is { Count: > 0 } plain
        )
        {
            foreach (var problem in plain)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            await Console.Error.WriteLineAsync(
                "DanVan does not start in Production with a connection that is not encrypted."
            );
            return false;
        }

        if (demo && app.Environment.IsProduction())
        {
            await Console.Error.WriteLineAsync(
                "--demo is refused in the Production environment: it would add demo accounts with a published password."
            );
            return false;
        }

        var demoData = demo ? app.Services.GetService<IDemoData>() : null;
        if (demo && demoData is null)
        {
            await Console.Error.WriteLineAsync("--demo: " + IDemoData.Missing);
            return false;
        }

        if (demo || app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await DatabaseInitializer.MigrateAsync(app.Services);
        }

        if (demoData is not null)
        {
            await demoData.SeedAsync(app.Services, Console.Out);
        }

        return true;
    }

    public static WebApplication UseDanVanPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseDanVanCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Pages without a body get the "not found" page (re-executed on the main pipeline, so it is routed
        // again); the API answers with problem details first, which leaves nothing for the page to replace.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseMiddleware<RefusalLogMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseMiddleware<RequireAccountSetupMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        // After authorization: a refused call keeps no key; before the endpoint: a retry is answered here.
        app.UseMiddleware<Data.IdempotencyKeyMiddleware>();
        return app;
    }

    public static WebApplication MapDanVanPlatform(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapCultureEndpoint();
        app.MapAccountPageEndpoints();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapApiDocs();
        app.MapExportJobEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}
