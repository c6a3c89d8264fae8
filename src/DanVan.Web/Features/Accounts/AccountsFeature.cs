using DanVan.Web.Features.Accounts.SignIn;

namespace DanVan.Web.Features.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccountsFeature(this IServiceCollection services) =>
        services
            .AddScoped<AccountRules>()
            .AddScoped<ListAccounts>()
            .AddScoped<ExportAccounts>()
            .AddScoped<GetAccount>()
            .AddScoped<CreateAccount>()
            .AddScoped<UpdateAccount>()
            .AddScoped<DisableAccount>()
            .AddScoped<UnlockAccount>()
            .AddScoped<GrantRole>()
            .AddScoped<RevokeRole>()
            .AddScoped<RevokeAccountToken>()
            .AddScoped<ApiTokens>()
            .AddScoped<GetProfile>()
            .AddScoped<ChangeOwnPassword>()
            .AddScoped<GetTwoFactorSetup>()
            .AddScoped<EnableTwoFactor>()
            .AddScoped<NewRecoveryCodes>()
            .AddScoped<DisableTwoFactor>()
            .AddScoped<AccountUnitChoices>()
            .AddScoped<Units.IUnitMergeStep, AccountsInMergers>()
            .AddScoped<Organizations.IOrganizationUse, AccountsActingForOrganizations>();
}
