using DanVan.Web.Identity;

namespace DanVan.Web.Features.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccountsFeature(this IServiceCollection services) =>
        services.AddScoped<ManageAccounts>().AddScoped<ApiTokens>().AddScoped<AccountUnitChoices>();
}
