using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Audit;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Home;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure;
using DanVan.Web.Infrastructure.Cli;

var (command, commandArgs, demo, hostArgs) = OperatorCommands.Parse(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddDanVanPlatform();
builder.Services
    .AddUnitsFeature()
    .AddOrganizationsFeature()
    .AddAccountsFeature()
    .AddNotificationsFeature()
    .AddDocumentsFeature()
    .AddModelsFeature()
    .AddDialoguesFeature()
    .AddPetitionsFeature(builder.Environment)
    .AddCampaignsFeature()
    .AddAuditFeature()
    .AddHomeFeature();

var app = builder.Build();
if (command is not null)
{
    return await OperatorCommands.RunAsync(app.Services, command, commandArgs);
}

if (!await app.PrepareDatabaseAsync(demo))
{
    return 1;
}

app.UseDanVanPipeline();
app.MapUnitEndpoints();
app.MapOrganizationEndpoints();
app.MapAccountEndpoints();
app.MapNotificationEndpoints();
app.MapModelEndpoints();
app.MapDialogueEndpoints();
app.MapPetitionEndpoints();
app.MapCampaignEndpoints();
app.MapDanVanPlatform();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
