using DanVan.Web.Infrastructure.Jobs;
using DanVan.Web.Infrastructure.OfficialDocuments;

namespace DanVan.Web.Features.Reports;

/// <summary>
/// Periodic reports up the hierarchy (docs/decisions/ADR-0029): reporting rounds, each unit's report pre-filled from the
/// statistics catalogue and frozen when submitted, bottom-up approval and locking, and the official documents.
/// </summary>
public static class ReportsFeature
{
    public static IServiceCollection AddReportsFeature(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        services
            .AddScoped<OpenRound>()
            .AddScoped<ReadRounds>()
            .AddScoped<GetReport>()
            .AddScoped<SaveReport>()
            .AddScoped<TransitionReport>()
            .AddScoped<DownloadReport>()
            .AddScoped<ExportRound>()
            .AddScoped<ConfigureTemplates>()
            .AddScoped<ScheduledRounds>()
            // LibreOffice headless makes the PDF of the Word file; Documents:Soffice names the program where Debian's
            // paths do not have it.
            .AddSingleton(_ => new OfficialPdf(configuration["Documents:Soffice"]))
            .AddScoped<ReportReminders>();

        services.AddScheduledJob<ReportReminderService>(environment);

        return services;
    }
}
