namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// Back-end secrets (the database's and the mail server's passwords, whole connection strings) kept out of the unit file,
/// the environment and appsettings (ASVS V13.3.1): systemd hands them to the service as credentials —
/// <c>LoadCredentialEncrypted=</c>, encrypted at rest by <c>systemd-creds</c> with the host's TPM or its own key,
/// readable by this service only, gone when it stops. Every file in <c>$CREDENTIALS_DIRECTORY</c> is one setting,
/// named after its key with <c>__</c> for <c>:</c> (<c>ConnectionStrings__Default</c>, <c>Smtp__Password</c>). They
/// are read last, so a credential wins over every other source.
/// </summary>
public static class Credentials
{
    /// <summary>The folder systemd gives the service its credentials in.</summary>
    public const string Variable = "CREDENTIALS_DIRECTORY";

    public static IConfigurationBuilder AddCredentials(this IConfigurationBuilder configuration, string? folder) =>
        string.IsNullOrEmpty(folder)
            ? configuration
            : configuration.AddKeyPerFile(folder, optional: true, reloadOnChange: false);
}
