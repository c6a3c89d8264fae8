using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
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
    .AddModelsFeature()
    .AddPetitionsFeature(builder.Environment)
    .AddNotificationsFeature()
    .AddCampaignsFeature()
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
app.MapModelEndpoints();
app.MapPetitionEndpoints();
app.MapNotificationEndpoints();
app.MapCampaignEndpoints();
app.MapDanVanPlatform();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
