using System.Security.Cryptography;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Cli;

/// <summary>
/// Commands an operator runs with the same executable and configuration as the web app:
/// <c>migrate</c>, <c>create-admin --email …</c>, <c>import-units FILE</c>, <c>seed-demo</c>.
/// </summary>
public static class OperatorCommands
{
    public static readonly string[] Names =
    [
        "migrate",
        "create-admin",
        "import-units",
        "seed-demo",
        "sweep-petitions",
        "check-campaigns",
        "check-statistics",
        "backup",
        "restore",
        "help",
    ];

    /// <summary>Splits the command line into an operator command (if any) and the arguments for the host.</summary>
    public static (string? Command, string[] CommandArgs, bool Demo, string[] HostArgs) Parse(string[] args)
    {
        if (args.Length > 0 && Names.Contains(args[0]))
        {
            return (args[0], args[1..], false, []);
        }

        return (null, [], args.Contains("--demo"), [.. args.Where(a => a != "--demo")]);
    }

    public static async Task<int> RunAsync(
        IServiceProvider services,
        string command,
        string[] args,
        TextWriter? output = null
    )
    {
        output ??= Console.Out;
        try
        {
            switch (command)
            {
                case "migrate":
                    var applied = await DatabaseInitializer.MigrateAsync(services);
                    await output.WriteLineAsync(
                        applied.Count == 0
                            ? "The database is up to date."
                            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}"
                    );
                    return 0;
                case "create-admin":
                    return await CreateAdminAsync(services, args, output);
                case "import-units":
                    return await ImportUnitsAsync(services, args, output);
                case "seed-demo":
                    var demo = services.GetService<IDemoData>()
                        ?? throw new OperatorException("seed-demo: " + IDemoData.Missing);
                    await DatabaseInitializer.MigrateAsync(services);
                    await demo.SeedAsync(services, output);
                    return 0;
                case "sweep-petitions":
                    await using (var scope = services.CreateAsyncScope())
                    {
                        var swept = await scope
                            .ServiceProvider.GetRequiredService<Features.Petitions.PetitionDeadlines>()
                            .RunAsync(CancellationToken.None);
                        await output.WriteLineAsync(
                            $"Marked {swept.MarkedOverdue} petition(s) overdue, escalated {swept.Escalated}; reminded {swept.ResultsReminders} conference(s) to publish results."
                        );
                    }

                    return 0;
                case "check-campaigns":
                    return await CheckCampaignsAsync(services, args, output);
                case "check-statistics":
                    return await CheckStatisticsAsync(services, args, output);
                case "backup":
                    return await BackupAsync(services, args, output);
                case "restore":
                    return await RestoreAsync(services, args, output);
                default:
                    await output.WriteLineAsync(
                        """
                        DanVan operator commands (same configuration as the web app):
                          migrate                                   apply database migrations
                          create-admin --email E [--name N] [--password P]
                                                                    create a system administrator (a password is generated if none is given)
                          import-units FILE.csv|FILE.xlsx           import an official unit list (all rows or none)
                          seed-demo                                 load the Bắc Ninh demonstration data (idempotent; DanVan.Demo only)
                          sweep-petitions                           mark overdue petitions and escalate them now (the app does it every 15 minutes)
                          check-campaigns [--repair]                compare every campaign's summary rows with a recompute from its figures
                                                                    (exit 1 on a difference); --repair rebuilds the ones that differ
                          check-statistics [--repair]               compare the statistics' summary rows with a recompute from the facts
                                                                    (exit 1 on a difference); --repair makes them equal
                          backup FILE                               write the whole database (records, documents, keys) and a manifest
                                                                    of every table's count and checksum to FILE (a zip), while the app runs
                          restore FILE [--force]                    restore a backup into the configured database and check every table
                                                                    against its manifest; refuses a non-empty database without --force
                        """
                    );
                    return command == "help" ? 0 : 2;
            }
        }
        catch (OperatorException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
        catch (BackupException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? throw new OperatorException("backup: name the file to write, e.g. backup /var/backups/danvan.zip");
        await using var scope = services.CreateAsyncScope();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var manifest = await DatabaseBackup.BackupAsync(
            scope.ServiceProvider.GetRequiredService<DanVanDbContext>(),
            file,
            CancellationToken.None
        );
        await output.WriteLineAsync(
            $"Backed up {manifest.Tables.Count} tables ({manifest.Tables.Sum(t => t.Rows)} rows, schema {manifest.Migration}) to {file}: {new FileInfo(file).Length} bytes in {watch.Elapsed.TotalSeconds:0.0} s."
        );
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? throw new OperatorException("restore: name the backup file, e.g. restore /var/backups/danvan.zip");
        if (!File.Exists(file))
        {
            throw new OperatorException($"restore: {file} does not exist.");
        }

        await using var scope = services.CreateAsyncScope();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var manifest = await DatabaseBackup.RestoreAsync(
            scope.ServiceProvider.GetRequiredService<DanVanDbContext>(),
            file,
            args.Contains("--force"),
            CancellationToken.None
        );
        await output.WriteLineAsync(
            $"Restored {manifest.Tables.Count} tables ({manifest.Tables.Sum(t => t.Rows)} rows) from {file} (taken {manifest.CreatedAtUtc:yyyy-MM-dd HH:mm} UTC, schema {manifest.Migration}) in {watch.Elapsed.TotalSeconds:0.0} s; every table's count and checksum equal the manifest. Start the app (or run migrate) to bring an older schema up to date."
        );
        return 0;
    }

    /// <summary>
    /// Compares every campaign's summary rows with a recompute from its raw figures and targets; prints each campaign
    /// that differs (and how), and with <c>--repair</c> rebuilds it in its own transaction. Exit code 1 when a
    /// difference was found and not repaired.
    /// </summary>
    private static async Task<int> CheckCampaignsAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var repair = args.Contains("--repair");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var rollup = scope.ServiceProvider.GetRequiredService<Features.Campaigns.CampaignRollup>();
        var campaigns = await db
            .Campaigns.AsNoTracking()
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name })
            .ToListAsync();
        var differing = 0;
        foreach (var campaign in campaigns)
        {
            var differences = await rollup.CheckAsync(campaign.Id, CancellationToken.None);
            if (differences.Count == 0)
            {
                continue;
            }

            differing++;
            await output.WriteLineAsync(
                $"Campaign {campaign.Id} \"{campaign.Name}\": {differences.Count} summary row(s) differ from a recompute, e.g. {string.Join("; ", differences.Take(3))}"
            );
            if (repair)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await rollup.RecomputeAsync(campaign.Id, CancellationToken.None);
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
                await output.WriteLineAsync(
                    $"  rebuilt; {(await rollup.CheckAsync(campaign.Id, CancellationToken.None)).Count} difference(s) left."
                );
            }
        }

        await output.WriteLineAsync(
            $"Checked {campaigns.Count} campaign(s): {campaigns.Count - differing} equal a recompute, {differing} differ{(repair && differing > 0 ? " (rebuilt)" : "")}."
        );
        return differing > 0 && !repair ? 1 : 0;
    }

    /// <summary>
    /// Compares the statistics catalogue's summary rows with a recompute from every fact; prints how many rows differ
    /// (and the first ones), and with <c>--repair</c> makes them equal in one transaction. Exit code 1 when a difference
    /// was found and not repaired.
    /// </summary>
    private static async Task<int> CheckStatisticsAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var repair = args.Contains("--repair");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var check = scope.ServiceProvider.GetRequiredService<Features.Statistics.StatisticCheck>();

        // The units' holdings (derived from the responsibility assignments, a fact of the coverage figures) first.
        var holdings = await Features.Personnel.HeldUnits.CheckAsync(db, null, repair, CancellationToken.None);
        if (holdings > 0)
        {
            await output.WriteLineAsync(
                $"{holdings} unit(s)' holdings differ from their responsibility assignments{(repair ? "; rebuilt." : ".")}"
            );
        }

        var differences = await check.CompareAsync(null, CancellationToken.None);
        var rows = await db.StatisticCounts.CountAsync();
        if (differences.Count == 0)
        {
            await output.WriteLineAsync($"Checked {rows} summary row(s): all equal a recompute from the facts.");
            return holdings > 0 && !repair ? 1 : 0;
        }

        await output.WriteLineAsync(
            $"{differences.Count} summary row(s) differ from a recompute, e.g. {string.Join("; ", differences.Take(5))}"
        );
        if (!repair)
        {
            return 1;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await check.RepairAsync(null, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var left = await check.CompareAsync(null, CancellationToken.None);
        await output.WriteLineAsync($"  repaired; {left.Count} difference(s) left.");
        return left.Count == 0 ? 0 : 1;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var email = Option(args, "--email") ?? throw new OperatorException("create-admin needs --email ADDRESS.");
        var name = Option(args, "--name") ?? email;
        var password = Option(args, "--password");
        var generated = password is null;
        password ??=
            "Dv-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

        await DatabaseInitializer.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var root = await DatabaseInitializer.EnsureRootAsync(db);
        db.Actor = CurrentUser.System(root.Id);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            account = new Account
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                HomeUnitId = root.Id,
                CreatedAt = db.UtcNow,
                ActiveUnitId = root.Id,
            };
            var result = await users.CreateAsync(account, password);
            if (!result.Succeeded)
            {
                throw new OperatorException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            }

            if (generated)
            {
                // A password the machine chose opens only the page where the person chooses their own (ASVS V6.4.1).
                await Features.Accounts.InitialPasswords.MarkAsync(db, account.Id);
                await db.SaveChangesAsync();
            }
        }
        else
        {
            generated = false;
        }

        if (
            !await db.Assignments.AnyAsync(a =>
                a.AccountId == account.Id && a.UnitId == root.Id && a.Role == Role.SystemAdministrator
            )
        )
        {
            db.Assignments.Add(
                new Assignment
                {
                    AccountId = account.Id,
                    UnitId = root.Id,
                    Role = Role.SystemAdministrator,
                    CreatedAt = db.UtcNow,
                }
            );
            db.Audit(
                Audit.AuditAction.PermissionGranted,
                nameof(Assignment),
                null,
                root.Ref,
                $"account={email}; role=SystemAdministrator"
            );
            await db.SaveChangesAsync();
        }

        await output.WriteLineAsync($"System administrator {email} is ready.");
        if (generated)
        {
            await output.WriteLineAsync($"Password (shown once): {password}");
            await output.WriteLineAsync("It opens only the page where the administrator chooses their own password.");
        }

        await output.WriteLineAsync("A second factor (authenticator app) is set up at the first sign-in.");
        return 0;
    }

    private static async Task<int> ImportUnitsAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? throw new OperatorException("import-units needs a FILE (.csv or .xlsx).");
        if (!File.Exists(file))
        {
            throw new OperatorException($"No such file: {file}");
        }

        await DatabaseInitializer.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var root = await DatabaseInitializer.EnsureRootAsync(db);
        var system = CurrentUser.System(root.Id);
        db.Actor = system;
        var import = ActivatorUtilities.CreateInstance<ImportUnits>(scope.ServiceProvider, db, (ICurrentUser)system);
        await using var stream = File.OpenRead(file);
        var result = await import.CommitAsync(stream, file, CancellationToken.None);
        if (result.HasProblems)
        {
            await output.WriteLineAsync($"Nothing was imported: {result.Problems.Count} problem(s).");
            foreach (var problem in result.Problems.Take(200))
            {
                await output.WriteLineAsync(
                    $"  row {problem.Row}{(problem.Column is null ? "" : $", column {problem.Column}")}: {problem.Message}"
                );
            }

            return 1;
        }

        await output.WriteLineAsync(
            $"Imported {result.Rows} rows: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged."
        );
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed class OperatorException(string message) : Exception(message);
}
