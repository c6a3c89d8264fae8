using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DanVan.Web.Features.Notifications;

public static class NotificationsFeature
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp");
        services.AddOptions<NotificationMailOptions>().BindConfiguration("Notifications");
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services
            .AddScoped<Notifier>()
            .AddScoped<MyNotifications>()
            .AddScoped<ExportNotifications>()
            .AddScoped<NotificationMailing>();
        services.AddHostedService<NotificationMailer>();
        return services;
    }
}
