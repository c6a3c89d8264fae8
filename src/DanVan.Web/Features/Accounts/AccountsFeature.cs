using DanVan.Web.Features.Accounts.SignIn;

namespace DanVan.Web.Features.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccountsFeature(this IServiceCollection services) =>
        services.AddScoped<ManageAccounts>().AddScoped<ApiTokens>().AddScoped<AccountUnitChoices>()
            .AddScoped<Units.IUnitMergeStep, AccountsInMergers>().AddScoped<Organizations.IOrganizationUse, AccountsActingForOrganizations>();
}
