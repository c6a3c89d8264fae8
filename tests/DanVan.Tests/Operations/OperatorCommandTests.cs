using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Demo;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Operations;

/// <summary>The operator commands of the executable, and the Bắc Ninh demonstration data.</summary>
public sealed partial class OperatorCommandTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task Seed_demo_loads_Bac_Ninh_after_the_merger_once_and_a_second_run_adds_nothing()
    {
        var output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], output));
        Assert.Contains("tiendu.canbo@danvan.demo", output.ToString(), StringComparison.Ordinal);
        var counts = await CountDemoAsync();

        output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "seed-demo", [], output));
        Assert.Contains("nothing added", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(counts, await CountDemoAsync());

        var province = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == "24" && u.ValidTo == null));
        Assert.Equal("Bắc Ninh", province.Name);
        var kinds = await app.WithDbAsync(db => db.Units.Where(u => u.ParentId == province.Id && u.ValidTo == null)
            .GroupBy(u => u.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(66, kinds[UnitKind.Commune]);
        Assert.Equal(33, kinds[UnitKind.Ward]);
        Assert.Equal(BacNinhDemo.Communes.Select(c => c.Code).Order(), await app.WithDbAsync(db =>
            db.Units.Where(u => u.ParentId == province.Id && u.ValidTo == null).Select(u => u.Code).OrderBy(c => c).ToListAsync()));
        var withVillages = await app.WithDbAsync(db => db.Units.Where(u => u.ProvinceId == province.Id && u.Level == UnitLevel.Village)
            .Select(u => u.CommuneId).Distinct().CountAsync());
        Assert.True(withVillages >= 5, $"only {withVillages} communes have villages");
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.ProvinceId == province.Id && u.Level == UnitLevel.Village && !u.IsSynthetic)));
        var former = await app.WithDbAsync(db => db.Units.Where(u => u.SuccessorId == province.Id).Select(u => u.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(["24", "27"], former);
        Assert.True(await app.WithDbAsync(db => db.Organizations.AnyAsync(o => o.UnitId == province.Id && o.Type == Web.Features.Organizations.OrganizationType.PropagandaMobilizationCommission)));

        // The commune officer of Tiên Du sees Tiên Du and its villages, nothing of Kinh Bắc.
        var tienDu = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == BacNinhDemo.CommuneCode && u.ValidTo == null));
        var kinhBac = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == BacNinhDemo.WardCode && u.ValidTo == null));
        var officer = await app.WithDbAsync(db => db.Users.SingleAsync(a => a.Email == "tiendu.canbo@danvan.demo"));
        using var client = await app.SignInAsync(new TestAccount(officer.Id, officer.Email!, BacNinhDemo.Password, null, Role.Officer, tienDu));
        var (_, units) = await client.GetPageAsync("/units");
        Assert.Equal(9, units.QuerySelectorAll("main table tbody tr").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/units/{kinhBac.Id}")).StatusCode);
    }

    private Task<(int Units, int Organizations, int Accounts)> CountDemoAsync() => app.WithDbAsync(async db =>
        (await db.Units.CountAsync(), await db.Organizations.CountAsync(), await db.Users.CountAsync(a => a.Email!.EndsWith("@danvan.demo"))));

    [Fact]
    public async Task Create_admin_makes_a_system_administrator_with_a_generated_password_who_must_set_up_a_second_factor()
    {
        var output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "create-admin", ["--email", "ops@test.danvan", "--name", "Vận hành"], output));
        var password = PasswordLine().Match(output.ToString()).Groups[1].Value;
        Assert.True(password.Length >= 20, output.ToString());
        using var client = app.NewPageClient();
        var login = await client.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = "ops@test.danvan", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/account/two-factor?required=true", (await client.GetAsync("/units")).Headers.Location?.ToString());

        output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "create-admin", ["--email", "ops@test.danvan"], output));
        Assert.DoesNotMatch(PasswordLine(), output.ToString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Assignments.CountAsync(a => a.Role == Role.SystemAdministrator && db.Users.Any(u => u.Id == a.AccountId && u.Email == "ops@test.danvan"))));

        Assert.Equal(1, await OperatorCommands.RunAsync(app.Services, "create-admin", [], new StringWriter()));
        output = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(app.Services, "migrate", [], output));
        Assert.Contains("up to date", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_refuses_demo_data_in_production_and_runs_operator_commands()
    {
        await using var database = await TestDatabase.CreateAsync();
        var provider = TestDatabase.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var (refused, refusedOutput) = await RunAsync(["--demo"], "Production", provider, database.ConnectionString);
        Assert.Equal(1, refused);
        Assert.Contains("--demo is refused", refusedOutput, StringComparison.Ordinal);

        var (migrated, migrateOutput) = await RunAsync(["migrate"], "Production", provider, database.ConnectionString);
        Assert.True(migrated == 0, migrateOutput);

        var file = Path.Combine(Path.GetTempPath(), $"units-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "code,name,kind,parent_code\nZ1,Tỉnh Z,province,\nZ1001,Xã Z,xã,Z1\nZ1002,Xã Hỏng,làng,Z1\n");
        var (failed, failedOutput) = await RunAsync(["import-units", file], "Production", provider, database.ConnectionString);
        Assert.Equal(1, failed);
        Assert.Contains("row 4, column kind", failedOutput, StringComparison.Ordinal);
        File.Delete(file);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args, string environment, string provider, string connectionString)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["Database__Provider"] = provider,
                ["ConnectionStrings__Default"] = connectionString,
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DanVan.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Password \(shown once\): (\S+)")]
    private static partial Regex PasswordLine();
}
