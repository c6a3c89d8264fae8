using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Audit;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Home;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Privacy;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Reports;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Security;

/// <summary>
/// The entry point (visible to WebApplicationFactory in the tests), and the whole application behind it: an operator
/// command, or the web server. DanVan.Demo runs the very same application with its demonstration data registered as
/// an <see cref="IDemoData"/> (ADR-0018); this executable has none, so it refuses <c>--demo</c> and <c>seed-demo</c>.
/// </summary>
public partial class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args);

    /// <param name="args">The command line: an operator command with its arguments, or the host's settings (and
    /// <c>--demo</c>).</param>
    /// <param name="addServices">More services after the features' (DanVan.Demo registers its <see
    /// cref="IDemoData"/>).</param>
    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? addServices = null)
    {
        var (command, commandArgs, demo, hostArgs) = OperatorCommands.Parse(args);
        var builder = CreateBuilder(hostArgs, addServices);
        var app = builder.Build();
        if (command is not null)
        {
            return await OperatorCommands.RunAsync(app.Services, command, commandArgs);
        }

        if (!await app.PrepareDatabaseAsync(demo))
        {
            return 1;
        }

        MapApp(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The host with every feature's services (the benchmarks build it too, to call the app's own
    /// handlers on a generated database).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] hostArgs, Action<IServiceCollection>? addServices = null)
    {
        // A bare line feed does not end a request's line (RFC 9112 §2.2 lets a server take it; proxies that do not
        // would frame the request differently, the opening for request smuggling, ASVS V4.2.1). .NET plans this as
        // the default; until then the switch is set before Kestrel reads it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators", true);
        // Named after this assembly whichever executable runs it, so the static web assets' manifests are found.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = hostArgs, ApplicationName = typeof(Program).Assembly.GetName().Name }
        );
        // Secrets from systemd's credentials (LoadCredentialEncrypted=), read last so they win (ASVS V13.3.1).
        builder.Configuration.AddCredentials(Environment.GetEnvironmentVariable(Credentials.Variable));
        // The log goes to standard output and nowhere else (docs/SECURITY.md, log inventory): the host collects it.
        builder.Logging.ClearProviders().AddConsole();
        builder.AddDanVanPlatform();
        builder
            .Services.AddUnitsFeature()
            .AddOrganizationsFeature()
            .AddAccountsFeature()
            .AddNotificationsFeature()
            .AddDocumentsFeature()
            .AddModelsFeature()
            .AddDialoguesFeature()
            .AddPetitionsFeature(builder.Environment)
            .AddCampaignsFeature()
            .AddStatisticsFeature()
            .AddReportsFeature(builder.Configuration, builder.Environment)
            .AddProgramsFeature(builder.Configuration, builder.Environment)
            .AddPersonnelFeature()
            .AddAuditFeature()
            .AddPrivacyFeature(builder.Environment)
            .AddHomeFeature();
        addServices?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>The request pipeline and every feature's endpoints.</summary>
    public static void MapApp(WebApplication app)
    {
        app.UseDanVanPipeline();
        app.MapUnitEndpoints();
        app.MapOrganizationEndpoints();
        app.MapAccountEndpoints();
        app.MapNotificationEndpoints();
        app.MapModelEndpoints();
        app.MapDialogueEndpoints();
        app.MapPetitionEndpoints();
        app.MapStatisticsEndpoints();
        app.MapReportEndpoints();
        app.MapProgramEndpoints();
        app.MapConferenceEndpoints();
        app.MapCadreEndpoints();
        app.MapResponsibilityEndpoints();
        app.MapTrainingEndpoints();
        app.MapAuditEndpoints();
        app.MapPrivacyEndpoints();
        app.MapCampaignEndpoints();
        app.MapDanVanPlatform();
    }
}
